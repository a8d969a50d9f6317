package dev.rideops.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqlMacrosTest {

    private static final Instant TO = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant FROM = Instant.parse("2026-11-28T11:00:00Z");

    @Test
    void grafanasMacrosBecomeBoundParametersInOrder() {
        SqlMacros.Statement s = SqlMacros.expand(
                "SELECT x FROM mart.v_kpi_$bucket WHERE $__timeFilter(bucket_start) AND ('$city' = '' OR city ="
                        + " '$city') AND $__timeTo() > $__timeFrom()",
                new Selection(FROM, TO, "hour", "HCM", null));
        assertThat(s.sql())
                .isEqualTo("SELECT x FROM mart.v_kpi_hour WHERE bucket_start >= ? AND bucket_start < ? AND (? = '' OR"
                        + " city = ?) AND CAST(? AS timestamptz) > CAST(? AS timestamptz)");
        assertThat(s.parameters())
                .containsExactly(
                        Timestamp.from(FROM),
                        Timestamp.from(TO),
                        "HCM",
                        "HCM",
                        Timestamp.from(TO),
                        Timestamp.from(FROM));
    }

    @Test
    void aCityIsNeverSplicedIntoTheSql() {
        SqlMacros.Statement s = SqlMacros.expand(
                "SELECT 1 FROM mart.v_supply_demand WHERE city = '$city'",
                new Selection(FROM, TO, "minute", "x' OR '1'='1", null));
        assertThat(s.sql()).isEqualTo("SELECT 1 FROM mart.v_supply_demand WHERE city = ?");
        assertThat(s.parameters()).containsExactly("x' OR '1'='1");
    }

    @Test
    void onlyMinuteAndHourNameAView() {
        assertThatThrownBy(() -> SqlMacros.expand(
                        "SELECT 1 FROM mart.v_kpi_$bucket", new Selection(FROM, TO, "minute; DROP", "", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
