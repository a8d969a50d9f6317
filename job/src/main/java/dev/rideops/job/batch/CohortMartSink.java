package dev.rideops.job.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.CohortBatchContract;
import dev.rideops.contract.MartRetention;
import dev.rideops.job.cohort.DayResult;
import dev.rideops.job.cohort.ProductivityRow;
import dev.rideops.job.cohort.RetentionRow;
import dev.rideops.job.sinks.DriverRelease;
import dev.rideops.job.sinks.JdbcTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Replaces one day's rows in the mart with a {@link DayResult}, in one transaction: the cohort rows with
 * {@code cohort_date + day_offset} = the day, its productivity rows, and its {@code batch_run} row marked DONE. A
 * rerun of the day, or a retry after a failure, writes the same rows again. The same transaction deletes what is
 * older than the retention ({@link MartRetention}, {@code mart.retention.cohort-days}) before the day: whole cohorts
 * by their date, productivity and {@code batch_run} rows by their day, so these tables stay bounded.
 */
public class CohortMartSink implements Sink<DayResult> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTarget reporting;
    private final int retentionDays;

    /** @param retentionDays days kept before each day written; 0 keeps every day */
    public CohortMartSink(JdbcTarget reporting, int retentionDays) {
        this.reporting = reporting;
        this.retentionDays = retentionDays;
    }

    @Override
    @SuppressWarnings("deprecation") // InitContext: the one Sink V2 signature JdbcUpsertSink also implements
    public SinkWriter<DayResult> createWriter(InitContext context) {
        // also for ComputeDay's connections: it is chained to this writer
        DriverRelease.registerOn(context.getUserCodeClassLoader());
        return new SinkWriter<>() {
            @Override
            public void write(DayResult day, Context context) throws IOException {
                try {
                    replace(reporting, day, retentionDays);
                } catch (SQLException e) {
                    throw new IOException("writing the cohorts of " + day.day() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /** The day's transaction; also what tests call without a cluster. */
    public static void replace(JdbcTarget reporting, DayResult day, int retentionDays)
            throws SQLException, IOException {
        try (Connection c = reporting.connect()) {
            c.setAutoCommit(false);
            try {
                retention(c, CohortBatchContract.RIDER_COHORTS, day, day.riderCohorts());
                retention(c, CohortBatchContract.DRIVER_COHORTS, day, day.driverCohorts());
                retention(c, CohortBatchContract.RIDER_SIGNUPS, day, day.riderSignups());
                retention(c, CohortBatchContract.DRIVER_SIGNUPS, day, day.driverSignups());
                productivity(c, day);
                done(c, day);
                Optional<LocalDate> oldest = MartRetention.oldestKept(day.day(), retentionDays);
                if (oldest.isPresent()) {
                    prune(c, oldest.get());
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void retention(Connection c, String table, DayResult day, List<RetentionRow> rows)
            throws SQLException {
        try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM " + table + " WHERE cohort_date + day_offset = ?")) {
            delete.setObject(1, day.day());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                + " (cohort_date, day_offset, cohort_size, retained, churned, returned) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (RetentionRow r : rows) {
                insert.setObject(1, r.cohortDate());
                insert.setInt(2, r.dayOffset());
                insert.setLong(3, r.cohortSize());
                insert.setLong(4, r.retained());
                insert.setLong(5, r.churned());
                insert.setLong(6, r.returned());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void productivity(Connection c, DayResult day) throws SQLException {
        try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM " + CohortBatchContract.PRODUCTIVITY + " WHERE day = ?")) {
            delete.setObject(1, day.day());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + CohortBatchContract.PRODUCTIVITY
                + " (day, driver_id, trips, online_hours, earnings, trips_per_online_hour, earnings_per_online_hour)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (ProductivityRow r : day.productivity()) {
                insert.setObject(1, r.day());
                insert.setLong(2, r.driverId());
                insert.setLong(3, r.trips());
                insert.setDouble(4, r.onlineHours());
                insert.setBigDecimal(5, r.earnings());
                setDouble(insert, 6, r.tripsPerOnlineHour());
                setDouble(insert, 7, r.earningsPerOnlineHour());
                insert.addBatch();
                if (++pending == 5_000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    private static void done(Connection c, DayResult day) throws SQLException, IOException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + CohortBatchContract.BATCH_RUN
                + " (batch, day, state, started_at, finished_at, churn_days, max_day_offset, online_gap_seconds,"
                + " rows_written, error) VALUES (?, ?, 'DONE', now(), clock_timestamp(), ?, ?, ?, ?::jsonb, NULL)"
                + " ON CONFLICT (batch, day) DO UPDATE SET state = 'DONE', finished_at = clock_timestamp(),"
                + " churn_days = EXCLUDED.churn_days, max_day_offset = EXCLUDED.max_day_offset,"
                + " online_gap_seconds = EXCLUDED.online_gap_seconds, rows_written = EXCLUDED.rows_written,"
                + " error = NULL")) {
            upsert.setString(1, CohortBatchContract.BATCH);
            upsert.setObject(2, day.day());
            upsert.setInt(3, day.rules().churnDays());
            upsert.setInt(4, day.rules().maxDayOffset());
            upsert.setInt(5, day.rules().onlineGapSeconds());
            upsert.setString(6, JSON.writeValueAsString(day.rowsWritten()));
            upsert.executeUpdate();
        }
    }

    /** Deletes what is older than {@code oldest}: cohorts by their date, productivity and batch_run by their day. */
    static void prune(Connection c, LocalDate oldest) throws SQLException {
        for (String table : List.of(
                CohortBatchContract.RIDER_COHORTS,
                CohortBatchContract.DRIVER_COHORTS,
                CohortBatchContract.RIDER_SIGNUPS,
                CohortBatchContract.DRIVER_SIGNUPS)) {
            delete(c, "DELETE FROM " + table + " WHERE cohort_date < ?", oldest);
        }
        delete(c, "DELETE FROM " + CohortBatchContract.PRODUCTIVITY + " WHERE day < ?", oldest);
        delete(
                c,
                "DELETE FROM " + CohortBatchContract.BATCH_RUN + " WHERE batch = '" + CohortBatchContract.BATCH
                        + "' AND day < ?",
                oldest);
    }

    private static void delete(Connection c, String sql, LocalDate oldest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, oldest);
            s.executeUpdate();
        }
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
