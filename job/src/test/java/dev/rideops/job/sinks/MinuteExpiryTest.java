package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which rows the minute tables' sinks delete and when (the statements themselves run against PostgreSQL in
 * KpiPipelineIT): here against a recording stand-in connection.
 */
class MinuteExpiryTest {

    private static final long WATERMARK = Instant.parse("2026-11-28T13:45:10Z").toEpochMilli();

    @Test
    void onlyTheFactTablesMinuteRowsExpireHourRowsStay() {
        assertThat(MartSinks.factExpiry(35).sql())
                .startsWith("DELETE FROM mart.fact_metric_bucket WHERE ctid = ANY (ARRAY(SELECT ctid FROM "
                        + "mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE' AND bucket_start < ? ");
        assertThat(MartSinks.cellExpiry(35).sql())
                .contains("FROM mart.cell_supply_demand WHERE bucket_start < ? ")
                .doesNotContain("granularity");
        assertThat(MartSinks.snapshotMinuteExpiry(35).sql())
                .contains("FROM mart.snapshot_metric_minute WHERE bucket_start < ? ")
                .doesNotContain("granularity");
        // bounded and oldest first, by the primary key's leading column
        assertThat(List.of(
                        MartSinks.factExpiry(35).sql(),
                        MartSinks.cellExpiry(35).sql(),
                        MartSinks.snapshotMinuteExpiry(35).sql()))
                .allSatisfy(sql -> assertThat(sql).endsWith("ORDER BY bucket_start LIMIT ?))"));
    }

    @Test
    void theCutoffComesFromTheWatermarkAndNeverFromNoWatermarkOrTheEndOfInput() {
        MinuteExpiry expiry = MartSinks.cellExpiry(35);
        assertThat(expiry.cutoff(WATERMARK)).contains(Instant.parse("2026-10-24T00:00:00Z"));
        assertThat(expiry.cutoff(Long.MIN_VALUE)).isEmpty();
        // the end of a bounded input: this watermark would delete every row
        assertThat(expiry.cutoff(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void oneSubtaskDeletesAndOnlyWithARetention() {
        assertThat(MartSinks.factExpiry(35).runsOn(0)).isTrue();
        assertThat(MartSinks.factExpiry(35).runsOn(1)).isFalse();
        assertThat(MartSinks.factExpiry(0).runsOn(0)).as("0 keeps every row").isFalse();
        assertThatThrownBy(() -> MartSinks.factExpiry(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullBatchIsFollowedSoonAPartialOneInAnHourAndAFailureInAnHour() {
        Instant cutoff = Instant.parse("2026-10-24T00:00:00Z");
        MinuteExpiry expiry = MartSinks.cellExpiry(35);

        Recorded full = new Recorded(MinuteExpiry.BATCH, null);
        assertThat(expiry.run(full.connection(), cutoff, 1_000)).isEqualTo(1_000 + MinuteExpiry.AGAIN_MS);
        assertThat(full.calls)
                .containsExactly(
                        "prepare " + expiry.sql(),
                        "set 1 " + OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC),
                        "set 2 " + MinuteExpiry.BATCH,
                        "executeUpdate",
                        "commit");

        Recorded rest = new Recorded(12, null);
        assertThat(expiry.run(rest.connection(), cutoff, 1_000)).isEqualTo(1_000 + MinuteExpiry.EVERY_MS);

        Recorded failing = new Recorded(0, new SQLException("deadlock detected"));
        assertThat(expiry.run(failing.connection(), cutoff, 1_000)).isEqualTo(1_000 + MinuteExpiry.EVERY_MS);
        assertThat(failing.calls).endsWith("rollback").doesNotContain("commit");
    }

    /** A connection whose one statement deletes {@code deleted} rows or throws {@code failure}, recording calls. */
    private static final class Recorded {
        final List<String> calls = new ArrayList<>();
        private final int deleted;
        private final SQLException failure;

        Recorded(int deleted, SQLException failure) {
            this.deleted = deleted;
            this.failure = failure;
        }

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "prepareStatement" -> {
                                calls.add("prepare " + args[0]);
                                return statement();
                            }
                            case "commit", "rollback" -> calls.add(method.getName());
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }

        private PreparedStatement statement() {
            return (PreparedStatement) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setObject", "setInt" -> calls.add("set " + args[0] + " " + args[1]);
                            case "executeUpdate" -> {
                                calls.add("executeUpdate");
                                if (failure != null) {
                                    throw failure;
                                }
                                return deleted;
                            }
                            case "close" -> {}
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }
    }
}
