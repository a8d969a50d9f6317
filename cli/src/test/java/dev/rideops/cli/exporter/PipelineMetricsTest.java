package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:30Z");

    @Test
    void eachTableIsAsOldAsItsNewestResultAndACurrentOneIsZero() {
        Map<String, Instant> newest = new LinkedHashMap<>();
        newest.put("latest_metric_snapshot", NOW.minusMillis(42_500));
        newest.put("fact_metric_bucket", NOW.plusSeconds(30)); // the end of a bucket still filling

        Exposition metrics = new Exposition();
        PipelineMetrics.ages(metrics, newest, NOW);

        assertThat(metrics.text())
                .contains("rideops_mart_age_seconds{table=\"latest_metric_snapshot\"} 42.5\n")
                .contains("rideops_mart_age_seconds{table=\"fact_metric_bucket\"} 0\n")
                .doesNotContain("cell_supply_demand");
    }

    @Test
    void aRateWithoutRequestsIsLeftOutRatherThanServedAsAZeroThatReadsAsADrop() {
        Exposition metrics = new Exposition();
        PipelineMetrics.rates(
                metrics, new KpiWindows(40, 0, 0.5, null, 0.25, null), Duration.ofMinutes(5), Duration.ofMinutes(30));

        assertThat(metrics.text())
                .contains("rideops_match_rate 0.5\n")
                .contains("rideops_cancel_rate 0.25\n")
                .contains("rideops_rides_requested_recent 40\n")
                .contains("rideops_rides_requested_baseline 0\n")
                .contains("rideops_kpi_window_seconds{window=\"baseline\"} 1800\n")
                .doesNotContain("rideops_match_rate_baseline ")
                .doesNotContain("rideops_cancel_rate_baseline ");
    }

    /** Nothing answers here but the disk: the others are reported down (Kafka after the budget), the disk served. */
    @Test
    void aSourceThatDoesNotAnswerIsReportedDownAndTheOthersStillServed() {
        PipelineMetrics.Settings settings = new PipelineMetrics.Settings(
                "jdbc:postgresql://127.0.0.1:1/reporting_db",
                "user",
                "password",
                "127.0.0.1:1",
                Path.of("/nonexistent-rideops-home"),
                30,
                2L << 30,
                Duration.ofMinutes(5),
                Duration.ofMinutes(30));

        String text = new PipelineMetrics(settings).collect(NOW).text();

        assertThat(text)
                .contains("rideops_exporter_source_up{source=\"mart\"} 0\n")
                .contains("rideops_exporter_source_up{source=\"kafka\"} 0\n")
                .contains("rideops_exporter_source_up{source=\"disk\"} 1\n")
                .contains("rideops_disk_min_free_bytes 2147483648\n")
                .contains("rideops_exporter_collect_seconds ")
                .doesNotContain("rideops_mart_age_seconds");
    }
}
