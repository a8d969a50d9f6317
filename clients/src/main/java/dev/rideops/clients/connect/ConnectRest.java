package dev.rideops.clients.connect;

import java.util.List;

/** The parts of Kafka Connect's REST responses rideops reads. */
final class ConnectRest {

    private ConnectRest() {}

    record ConnectorStatus(State connector, List<TaskStatus> tasks) {

        List<TaskStatus> taskList() {
            return tasks == null ? List.of() : tasks;
        }

        String state() {
            return connector == null ? "" : connector.state();
        }

        String worker() {
            return connector == null ? null : connector.workerId();
        }

        boolean running() {
            return "RUNNING".equals(state())
                    && !taskList().isEmpty()
                    && "RUNNING".equals(taskList().get(0).state());
        }
    }

    record State(
            String state,

            @com.fasterxml.jackson.annotation.JsonProperty("worker_id")
            String workerId) {}

    record TaskStatus(
            int id,
            String state,

            @com.fasterxml.jackson.annotation.JsonProperty("worker_id")
            String workerId,

            String trace) {

        boolean failed() {
            return "FAILED".equals(state);
        }

        String firstTraceLine() {
            return trace == null ? "no trace" : trace.lines().findFirst().orElse("no trace");
        }
    }

    record Validation(
            @com.fasterxml.jackson.annotation.JsonProperty("error_count")
            int errorCount,

            List<ConfigResult> configs) {}

    record ConfigResult(ConfigValue value) {}

    record ConfigValue(String name, List<String> errors) {}
}
