package dev.rideops.job.batch;

import dev.rideops.contract.CohortBatchContract;
import dev.rideops.job.sinks.JdbcTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The batch's own {@code mart.batch_run} rows, written as the mart writer the job logs in as (the CLI and the
 * dashboard only read them, as the reader): RUNNING with the Flink job's id when it starts, FAILED with the error when
 * a day fails in the job. DONE is written by {@link CohortMartSink} in the day's transaction. A failure the job cannot
 * write (the cluster lost it, it was cancelled) shows from Flink's job state when rideops reads a RUNNING row.
 */
public final class BatchRunLog {

    private BatchRunLog() {}

    public static void running(JdbcTarget reporting, List<LocalDate> days, String flinkJobId) throws SQLException {
        try (Connection c = reporting.connect();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO " + CohortBatchContract.BATCH_RUN
                                + " (batch, day, state, flink_job_id, started_at) VALUES (?, ?, 'RUNNING', ?, now())"
                                + " ON CONFLICT (batch, day) DO UPDATE SET state = 'RUNNING', flink_job_id ="
                                + " EXCLUDED.flink_job_id, started_at = now(), finished_at = NULL, rows_written = NULL, error = NULL")) {
            for (LocalDate day : days) {
                s.setString(1, CohortBatchContract.BATCH);
                s.setObject(2, day);
                s.setString(3, flinkJobId);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public static void failed(JdbcTarget reporting, LocalDate day, String error) throws SQLException {
        try (Connection c = reporting.connect();
                PreparedStatement s = c.prepareStatement("UPDATE " + CohortBatchContract.BATCH_RUN
                        + " SET state = 'FAILED', finished_at = clock_timestamp(), error = ? WHERE batch = ? AND"
                        + " day = ?")) {
            s.setString(1, error);
            s.setString(2, CohortBatchContract.BATCH);
            s.setObject(3, day);
            s.executeUpdate();
        }
    }
}
