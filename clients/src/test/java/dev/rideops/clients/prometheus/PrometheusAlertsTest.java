package dev.rideops.clients.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.http.Json;
import dev.rideops.clients.prometheus.PrometheusApi.RangeResponse;
import dev.rideops.clients.prometheus.PrometheusApi.RangeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusAlertsTest {

    private static final Duration STEP = Duration.ofSeconds(15);

    /**
     * An ALERTS series as a range query returns it: a sample at every step from the query's start (unix seconds,
     * fractional when the start is) while the alert fired, and the value as text.
     */
    private static RangeSeries series(String values) {
        String json = """
                {"data":{"result":[{"metric":{"__name__":"ALERTS","alertname":"RideopsTargetDown",
                  "alertstate":"firing","severity":"critical","instance":"127.0.0.1:9250","job":"flink"},
                  "values":%s}]}}
                """.formatted(values);
        return Json.convert(Json.parse(json), RangeResponse.class)
                .data()
                .result()
                .get(0);
    }

    @Test
    void aGapOfMoreThanAStepEndsAPeriod() {
        RangeSeries series = series("[[1000.5,\"1\"],[1015.5,\"1\"],[1030.5,\"1\"],[1090.5,\"1\"],[1105.5,\"1\"]]");

        List<FiringPeriod> periods = PrometheusAlerts.periods(series, STEP, Instant.ofEpochSecond(5000));

        assertThat(periods)
                .containsExactly(
                        new FiringPeriod(
                                "RideopsTargetDown",
                                "critical",
                                Map.of("instance", "127.0.0.1:9250", "job", "flink"),
                                Instant.ofEpochMilli(1_000_500),
                                Instant.ofEpochMilli(1_030_500),
                                false),
                        new FiringPeriod(
                                "RideopsTargetDown",
                                "critical",
                                Map.of("instance", "127.0.0.1:9250", "job", "flink"),
                                Instant.ofEpochMilli(1_090_500),
                                Instant.ofEpochMilli(1_105_500),
                                false));
        assertThat(periods.get(0).labels().keySet()).containsExactly("instance", "job");
    }

    @Test
    void aPeriodThatReachesTheEndOfTheWindowStillFires() {
        List<FiringPeriod> periods =
                PrometheusAlerts.periods(series("[[1000,\"1\"],[1015,\"1\"]]"), STEP, Instant.ofEpochSecond(1020));

        assertThat(periods)
                .singleElement()
                .satisfies(p -> assertThat(p.ongoing()).isTrue());
    }

    @Test
    void theStepKeepsLongWindowsUnderPrometheusPointLimit() {
        assertThat(PrometheusAlerts.step(Duration.ofHours(1))).isEqualTo(STEP);
        assertThat(PrometheusAlerts.step(Duration.ofHours(24))).isEqualTo(STEP);
        assertThat(PrometheusAlerts.step(Duration.ofDays(7))).isEqualTo(Duration.ofSeconds(61));
    }
}
