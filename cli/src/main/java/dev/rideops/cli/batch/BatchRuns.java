package dev.rideops.cli.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.contract.CohortBatchContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code mart.batch_run} for the cohort batch, read as the reader: what ran for which day. The job writes it, as the
 * mart writer; rideops only reads it.
 */
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

    /**
     * The runs with each RUNNING day whose Flink job has ended (failed, cancelled, or finished without it) shown as
     * FAILED with that end: the job cannot record a failure it does not survive, and rideops does not write the mart.
     *
     * @param jobState a Flink job's state by id, empty when the cluster cannot be asked (rows are then left as
     *     recorded)
     */
    public static List<BatchRun> withJobStates(List<BatchRun> runs, Function<String, Optional<String>> jobState) {
        Map<String, Optional<String>> states = new HashMap<>();
        List<BatchRun> out = new ArrayList<>();
        for (BatchRun r : runs) {
            if (!BatchRun.RUNNING.equals(r.state()) || r.flinkJobId() == null) {
                out.add(r);
                continue;
            }
            Optional<String> state = states.computeIfAbsent(r.flinkJobId(), jobState);
            out.add(
                    state.filter(CohortBatchRun.ENDED::contains).isPresent()
                            ? r.failed("Flink job " + r.flinkJobId() + " ended " + state.get()
                                    + " before this day was done")
                            : r);
        }
        return out;
    }

    /** A job's state from the cluster, empty when it cannot be asked or does not know the job. */
    public static Function<String, Optional<String>> jobStates(FlinkJob flink) {
        return jobId -> {
            try {
                return Optional.of(flink.state(jobId));
            } catch (ClientException e) {
                return Optional.empty();
            }
        };
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
