package dev.rideops.clients.connect;

import java.util.List;

/**
 * The CDC connector as Kafka Connect reports it: its state (RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING), the
 * worker it runs on, and each task's, with a FAILED task's error: its trace's first line and root cause.
 */
public record ConnectorState(String name, String state, String worker, List<Task> tasks) {

    public record Task(int id, String state, String worker, String error) {}

    /** Whether the connector and every task run. */
    public boolean running() {
        return "RUNNING".equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
    }

    public long failedTasks() {
        return tasks.stream().filter(t -> "FAILED".equals(t.state())).count();
    }
}
