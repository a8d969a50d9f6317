package dev.rideops.clients.flink;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The parts of Flink's REST responses rideops reads ({@code /v1} of the session cluster's API). */
final class FlinkRest {

    private FlinkRest() {}

    record JobsOverview(List<JobSummary> jobs) {}

    record JobSummary(
            String jid,
            String name,
            String state,
            @JsonProperty("start-time") long startTime,
            @JsonProperty("end-time") long endTime,
            long duration) {}

    record JobDetails(
            String jid,
            String name,
            String state,
            @JsonProperty("start-time") long startTime,
            long duration,
            List<Vertex> vertices,
            Map<String, Long> timestamps) {

        boolean allRunning() {
            return "RUNNING".equals(state)
                    && vertices != null
                    && !vertices.isEmpty()
                    && vertices.stream().allMatch(v -> "RUNNING".equals(v.status()));
        }

        List<Vertex> vertexList() {
            return vertices == null ? List.of() : vertices;
        }

        /** The job's parallelism: its widest operator's (operators pinned to one task run narrower). */
        int parallelism() {
            return vertexList().stream().mapToInt(Vertex::parallelism).max().orElse(0);
        }
    }

    record Vertex(String id, String name, String status, int parallelism) {}

    record JobConfig(@JsonProperty("execution-config") ExecutionConfig executionConfig) {

        Map<String, String> userConfig() {
            return executionConfig == null || executionConfig.userConfig() == null
                    ? Map.of()
                    : executionConfig.userConfig();
        }
    }

    record ExecutionConfig(@JsonProperty("user-config") Map<String, String> userConfig) {}

    record CheckpointStats(Counts counts, Latest latest, List<HistoryEntry> history) {

        /** The newest completed checkpoint, or null before the first. */
        Completed newest() {
            return latest == null ? null : latest.completed();
        }
    }

    record Counts(
            long completed,
            long failed,
            long restored,
            @JsonProperty("in_progress") long inProgress) {}

    record Latest(Completed completed, Restored restored) {}

    record Restored(@JsonProperty("external_path") String externalPath) {}

    /** One of the newest checkpoints and savepoints (web.checkpoints.history of them, 10 by default), any status. */
    record HistoryEntry(
            long id,
            String status,
            @JsonProperty("is_savepoint") boolean savepoint,
            @JsonProperty("trigger_timestamp") long triggerTimestamp,
            @JsonProperty("latest_ack_timestamp") long latestAckTimestamp) {}

    record Completed(
            long id,
            @JsonProperty("is_savepoint") boolean savepoint,
            @JsonProperty("trigger_timestamp") long triggerTimestamp,
            @JsonProperty("latest_ack_timestamp") long latestAckTimestamp,
            @JsonProperty("end_to_end_duration") long endToEndDuration,
            @JsonProperty("state_size") long stateSize) {}

    record Trigger(@JsonProperty("request-id") String requestId) {}

    record SavepointStatus(Status status, Operation operation) {

        boolean completed() {
            return status != null && "COMPLETED".equals(status.id());
        }
    }

    record Status(String id) {}

    record Operation(
            String location, @JsonProperty("failure-cause") FailureCause failureCause) {}

    record FailureCause(@JsonProperty("class") String className) {}

    record Jars(List<Jar> files) {}

    record Jar(String id, String name, long uploaded) {}

    record Uploaded(String filename) {}

    record Started(String jobid) {}

    record Exceptions(@JsonProperty("root-exception") String rootException) {}

    record MetricAggregate(String id, Double sum, Double max) {}

    record TaskManagers(List<TaskManager> taskmanagers) {}

    record TaskManager(String id) {}

    record MetricValue(String id, String value) {}
}
