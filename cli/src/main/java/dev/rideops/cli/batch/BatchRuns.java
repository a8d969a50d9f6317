package dev.rideops.cli.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.contract.CohortBatchContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code mart.batch_run} for the cohort batch: what ran for which day, read and written over one connection. */
public final class BatchRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection reporting;

    public BatchRuns(Connection reporting) {
        this.reporting = reporting;
    }

    /** Fails in one line when the mart has no batch tables yet (a reporting schema from before V5). */
    public void requireSchema() throws SQLException {
        try (PreparedStatement s = reporting.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, CohortBatchContract.BATCH_RUN);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new RideopsException(
                            "the reporting database has no cohort tables (" + CohortBatchContract.BATCH_RUN
                                    + " is missing)",
                            "apply the reporting schema with 'rideops deploy --only schema'");
                }
            }
        }
    }

    /** Marks the days as submitted, before the job starts (the job marks each DONE as it writes it). */
    public void markRunning(List<LocalDate> days) throws SQLException {
        try (PreparedStatement s = reporting.prepareStatement("INSERT INTO " + CohortBatchContract.BATCH_RUN
                + " (batch, day, state, started_at) VALUES (?, ?, 'RUNNING', now())"
                + " ON CONFLICT (batch, day) DO UPDATE SET state = 'RUNNING', flink_job_id = NULL,"
                + " started_at = now(), finished_at = NULL, error = NULL")) {
            for (LocalDate day : days) {
                s.setString(1, CohortBatchContract.BATCH);
                s.setObject(2, day);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Names the Flink job on the days it has not finished yet. */
    public void assignJob(List<LocalDate> days, String flinkJobId) throws SQLException {
        update("SET flink_job_id = ?", days, flinkJobId, true);
    }

    /** Marks the days not DONE as FAILED with the reason. */
    public void markUnfinishedFailed(List<LocalDate> days, String error) throws SQLException {
        update("SET state = 'FAILED', finished_at = now(), error = ?", days, error, true);
    }

    private void update(String set, List<LocalDate> days, String value, boolean onlyRunning) throws SQLException {
        try (PreparedStatement s = reporting.prepareStatement("UPDATE " + CohortBatchContract.BATCH_RUN + " " + set
                + " WHERE batch = ? AND day = ANY (?::date[])" + (onlyRunning ? " AND state = 'RUNNING'" : ""))) {
            s.setString(1, value);
            s.setString(2, CohortBatchContract.BATCH);
            s.setArray(
                    3,
                    reporting.createArrayOf(
                            "varchar", days.stream().map(LocalDate::toString).toArray(String[]::new)));
            s.executeUpdate();
        }
    }

    /** Every recorded day, newest first; or only those from {@code from} to {@code to} when given. */
    public List<BatchRun> list(LocalDate from, LocalDate to) throws SQLException {
        List<BatchRun> runs = new ArrayList<>();
        try (PreparedStatement s = reporting.prepareStatement("SELECT day, state, flink_job_id, started_at,"
                + " finished_at, churn_days, max_day_offset, online_gap_seconds, rows_written::text, error FROM "
                + CohortBatchContract.BATCH_RUN + " WHERE batch = ? AND day BETWEEN ? AND ? ORDER BY day DESC")) {
            s.setString(1, CohortBatchContract.BATCH);
            s.setObject(2, from == null ? LocalDate.of(1970, 1, 1) : from);
            s.setObject(3, to == null ? LocalDate.of(9999, 12, 31) : to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(new BatchRun(
                            rs.getObject(1, LocalDate.class),
                            rs.getString(2),
                            rs.getString(3),
                            instant(rs.getObject(4, OffsetDateTime.class)),
                            instant(rs.getObject(5, OffsetDateTime.class)),
                            (Integer) rs.getObject(6),
                            (Integer) rs.getObject(7),
                            (Integer) rs.getObject(8),
                            rows(rs.getString(9)),
                            rs.getString(10)));
                }
            }
        }
        return runs;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Map<String, Long> rows(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Long>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException("rows_written is not a JSON object of counts: " + json, e);
        }
    }
}
