package dev.rideops.cli.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One day of the cohort batch as {@code mart.batch_run} records it: RUNNING (submitted), DONE (its rows were
 * replaced, with how many per table) or FAILED (with the job's first error line).
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

    public long totalRows() {
        return rowsWritten == null
                ? 0
                : rowsWritten.values().stream().mapToLong(Long::longValue).sum();
    }
}
