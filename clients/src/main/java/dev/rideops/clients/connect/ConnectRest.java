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

    private static final String CAUSED_BY = "Caused by: ";

    record TaskStatus(
            int id,
            String state,

            @com.fasterxml.jackson.annotation.JsonProperty("worker_id")
            String workerId,

            String trace) {

        boolean failed() {
            return "FAILED".equals(state);
        }

        /**
         * The trace's first line and, when it has one, its root cause's: Connect's own first line ("Unrecoverable
         * exception from producer send callback", Debezium's "This connector will be stopped") rarely says why.
         */
        String error() {
            if (trace == null || trace.isBlank()) {
                return "no trace";
            }
            List<String> lines = trace.lines().toList();
            String first = lines.get(0).strip();
            // the chain's causes start their lines; indented ones belong to suppressed exceptions
            for (int i = lines.size() - 1; i > 0; i--) {
                if (lines.get(i).startsWith(CAUSED_BY)) {
                    return first + "; caused by "
                            + lines.get(i).substring(CAUSED_BY.length()).strip();
                }
            }
            return first;
        }
    }

    record Validation(
            @com.fasterxml.jackson.annotation.JsonProperty("error_count")
            int errorCount,

            List<ConfigResult> configs) {}

    record ConfigResult(ConfigValue value) {}

    record ConfigValue(String name, List<String> errors) {}
}
