package dev.rideops.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Data quality page reads of a verify: its outcome, the figures, and each check with its mismatches. */
class VerifyHistoryTest {

    private static final Instant AT = Instant.parse("2026-11-29T04:00:00Z");

    /** A statement that only records the values bound to it, by parameter index. */
    private static PreparedStatement recording(Map<Integer, Object> bound) {
        return (PreparedStatement) Proxy.newProxyInstance(
                VerifyHistoryTest.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    if (m.getName().startsWith("set") && args.length == 2) {
                        bound.put((Integer) args[0], m.getName().equals("setNull") ? "NULL" : args[1]);
                    }
                    return null;
                });
    }

    private static VerifyReport report(Double freshness) {
        return new VerifyReport(
                false,
                "2026-11-29T03:00:00Z",
                1200,
                3400,
                List.of(
                        new CheckResult("bucket metrics", "mart.fact_metric_bucket", 500, 0, "", List.of()),
                        new CheckResult(
                                "snapshot", "mart.latest_metric_snapshot", 4, 2, "drivers_busy: 3 vs 4", List.of())),
                new VerifyReport.Quality(1.0, 0.99, 1.0, 0.98, 0.0125, freshness, 3));
    }

    @Test
    void aRunKeepsItsOutcomeTheFiguresAndHowManyChecksFailed() throws Exception {
        Map<Integer, Object> run = new HashMap<>();
        VerifyHistory.bindRun(recording(run), report(2.5), AT);
        assertThat(run)
                .containsEntry(1, Timestamp.from(AT))
                .containsEntry(2, false)
                .containsEntry(3, "2026-11-29T03:00:00Z")
                .containsEntry(4, 2)
                .containsEntry(5, 1)
                .containsEntry(6, 2L)
                .containsEntry(7, 0.0125)
                .containsEntry(8, 1.0)
                .containsEntry(9, 0.98)
                .containsEntry(10, 2.5)
                .containsEntry(11, 3L)
                .containsEntry(12, 1200L)
                .containsEntry(13, 3400L);
        assertThat(VerifyHistory.RUN.chars().filter(c -> c == '?').count()).isEqualTo(run.size());

        Map<Integer, Object> unknownFreshness = new HashMap<>();
        VerifyHistory.bindRun(recording(unknownFreshness), report(null), AT);
        assertThat(unknownFreshness).containsEntry(10, "NULL");
    }

    @Test
    void eachCheckKeepsItsPlaceAndItsWorstExample() throws Exception {
        Map<Integer, Object> check = new HashMap<>();
        VerifyHistory.bindCheck(recording(check), AT, 1, report(1.0).checks().get(1));
        assertThat(check)
                .containsEntry(1, Timestamp.from(AT))
                .containsEntry(2, 1)
                .containsEntry(3, "snapshot")
                .containsEntry(4, "mart.latest_metric_snapshot")
                .containsEntry(5, 4L)
                .containsEntry(6, 2L)
                .containsEntry(7, "drivers_busy: 3 vs 4");
        assertThat(VerifyHistory.CHECK.chars().filter(c -> c == '?').count()).isEqualTo(check.size());
    }

    /**
     * A connection that records each statement it prepares with the values bound to it and what ran, as
     * {@code SQL -> [bound values..., executed]}.
     */
    private static Connection recordingConnection(List<String> log) {
        return (Connection) Proxy.newProxyInstance(
                VerifyHistoryTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                    if (m.getName().equals("prepareStatement")) {
                        String sql = (String) args[0];
                        return Proxy.newProxyInstance(
                                VerifyHistoryTest.class.getClassLoader(),
                                new Class<?>[] {PreparedStatement.class},
                                (ps, pm, pargs) -> {
                                    if (pm.getName().equals("setInt") && sql.equals(VerifyHistory.PRUNE)) {
                                        log.add("prune offset " + pargs[1]);
                                    } else if (pm.getName().startsWith("execute")) {
                                        log.add(pm.getName() + " " + sql.substring(0, sql.indexOf(' ', 7)));
                                    }
                                    return pm.getName().equals("executeBatch") ? new int[0] : 0;
                                });
                    }
                    if (m.getName().equals("getAutoCommit")) {
                        return true;
                    }
                    if (m.getName().equals("commit")) {
                        log.add("commit");
                    }
                    return null;
                });
    }

    @Test
    void storingARunDeletesTheRunsBeyondTheNewestNInTheSameTransaction() throws Exception {
        List<String> log = new ArrayList<>();
        VerifyHistory.store(recordingConnection(log), report(1.0), AT, 3);
        assertThat(log)
                .containsExactly(
                        "executeUpdate INSERT INTO",
                        "executeBatch INSERT INTO",
                        "prune offset 2",
                        "executeUpdate DELETE FROM",
                        "commit");
        assertThat(VerifyHistory.PRUNE)
                .as("the checks go with their run by the foreign key's ON DELETE CASCADE")
                .startsWith("DELETE FROM mart.verify_run ");

        List<String> keepAll = new ArrayList<>();
        VerifyHistory.store(recordingConnection(keepAll), report(1.0), AT, 0);
        assertThat(keepAll).as("0 keeps every run").noneMatch(line -> line.contains("DELETE"));
    }
}
