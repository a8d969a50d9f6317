package dev.rideops.cli.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One day of the cohort batch as {@code mart.batch_run} records it (the job writes it, as the mart writer): RUNNING
 * (the job started), DONE (its rows were replaced, with how many per table) or FAILED (with the error); rideops shows a
 * RUNNING day whose Flink job has ended as FAILED ({@link BatchRuns#withJobStates}).
 */
public record BatchRun(
        LocalDate day,
        String state,
        String flinkJobId,
        Instant startedAt,
        Instant finishedAt,
        Integer churnDays,
        Integer maxDayOffset,
        Integer onlineGapSeconds,
        Map<String, Long> rowsWritten,
        String error) {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    /** This day as FAILED with the reason, the rest as recorded (a RUNNING row whose Flink job has ended). */
    public BatchRun failed(String reason) {
        return new BatchRun(
                day,
                FAILED,
                flinkJobId,
                startedAt,
                finishedAt,
                churnDays,
                maxDayOffset,
                onlineGapSeconds,
                rowsWritten,
                reason);
    }

    public long totalRows() {
        return rowsWritten == null
                ? 0
                : rowsWritten.values().stream().mapToLong(Long::longValue).sum();
    }
}
