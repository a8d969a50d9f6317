package dev.rideops.cli.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Keeps each verify's outcome in the mart ({@code mart.verify_run} and its {@code mart.verify_check} rows, reporting
 * migration V6), so the dashboard's Data quality page can show the newest with its time and mismatches. Only the
 * newest {@code mart.retention.verify-runs} are kept: verify is the only writer of these tables, so deleting the
 * older runs (their checks go with them, {@code ON DELETE CASCADE}) each time it writes one bounds them exactly,
 * whether verify runs twice a year or after every bench interval.
 */
public final class VerifyHistory {

    static final String RUN = "INSERT INTO mart.verify_run (finished_at, passed, window_start, checks, failed_checks,"
            + " mismatches, duplication_rate, bookings_completeness, pings_completeness, freshness_seconds,"
            + " dead_letters, drain_ms, verify_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String CHECK = "INSERT INTO mart.verify_check (finished_at, position, check_name, target, checked,"
            + " mismatches, worst) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** Every run older than the newest N (the parameter is N - 1); fewer than N runs leave the subquery null. */
    static final String PRUNE = "DELETE FROM mart.verify_run WHERE finished_at < (SELECT finished_at FROM"
            + " mart.verify_run ORDER BY finished_at DESC OFFSET ? LIMIT 1)";

    private VerifyHistory() {}

    /**
     * Writes one report and deletes the runs older than the newest {@code keepRuns} (0 keeps every run), in one
     * transaction, as the connection's role: the mart writer (verify reads as the reader, which may not delete).
     */
    public static void store(Connection reporting, VerifyReport report, Instant finishedAt, int keepRuns)
            throws SQLException {
        boolean autoCommit = reporting.getAutoCommit();
        reporting.setAutoCommit(false);
        try {
            try (PreparedStatement run = reporting.prepareStatement(RUN)) {
                bindRun(run, report, finishedAt);
                run.executeUpdate();
            }
            try (PreparedStatement check = reporting.prepareStatement(CHECK)) {
                List<CheckResult> checks = report.checks();
                for (int i = 0; i < checks.size(); i++) {
                    bindCheck(check, finishedAt, i, checks.get(i));
                    check.addBatch();
                }
                check.executeBatch();
            }
            if (keepRuns > 0) {
                try (PreparedStatement prune = reporting.prepareStatement(PRUNE)) {
                    prune.setInt(1, keepRuns - 1);
                    prune.executeUpdate();
                }
            }
            reporting.commit();
        } catch (SQLException e) {
            reporting.rollback();
            throw e;
        } finally {
            reporting.setAutoCommit(autoCommit);
        }
    }

    static void bindRun(PreparedStatement s, VerifyReport r, Instant finishedAt) throws SQLException {
        VerifyReport.Quality q = r.quality();
        long failed = r.checks().stream().filter(c -> !c.passed()).count();
        s.setTimestamp(1, Timestamp.from(finishedAt));
        s.setBoolean(2, r.passed());
        s.setString(3, r.windowStart());
        s.setInt(4, r.checks().size());
        s.setInt(5, (int) failed);
        s.setLong(6, r.mismatches());
        s.setDouble(7, q.duplicationRate());
        s.setDouble(8, q.bookingsCompleteness());
        s.setDouble(9, q.pingsCompleteness());
        if (q.freshnessSeconds() == null) {
            s.setNull(10, Types.DOUBLE);
        } else {
            s.setDouble(10, q.freshnessSeconds());
        }
        s.setLong(11, q.deadLetters());
        s.setLong(12, r.drainMs());
        s.setLong(13, r.verifyMs());
    }

    static void bindCheck(PreparedStatement s, Instant finishedAt, int position, CheckResult c) throws SQLException {
        s.setTimestamp(1, Timestamp.from(finishedAt));
        s.setInt(2, position);
        s.setString(3, c.check());
        s.setString(4, c.target());
        s.setLong(5, c.checked());
        s.setLong(6, c.mismatches());
        s.setString(7, c.worst());
    }
}
