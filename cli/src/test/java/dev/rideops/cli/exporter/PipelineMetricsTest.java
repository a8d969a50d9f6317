package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.connect.ConnectorState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:30Z");

    @Test
    void eachTableIsAsOldAsItsNewestResultAndACurrentOneIsZero() {
        Map<String, Instant> newest = new LinkedHashMap<>();
        newest.put("latest_metric_snapshot", NOW.minusMillis(42_500));
        newest.put("fact_metric_bucket", NOW.plusSeconds(30)); // the end of a bucket still filling

        Gauges metrics = new Gauges();
        PipelineMetrics.ages(metrics, newest, NOW);

        assertThat(metrics.text()).doesNotContain("cell_supply_demand");
        assertThat(GaugesTest.samples(metrics.text()))
                .containsEntry("rideops_mart_age_seconds{table=\"latest_metric_snapshot\"}", 42.5)
                .containsEntry("rideops_mart_age_seconds{table=\"fact_metric_bucket\"}", 0.0);
    }

    @Test
    void aRateWithoutRequestsIsLeftOutRatherThanServedAsAZeroThatReadsAsADrop() {
        Gauges metrics = new Gauges();
        PipelineMetrics.rates(
                metrics, new KpiWindows(40, 0, 0.5, null, 0.25, null), Duration.ofMinutes(5), Duration.ofMinutes(30));

        assertThat(GaugesTest.samples(metrics.text()))
                .containsEntry("rideops_match_rate", 0.5)
                .containsEntry("rideops_cancel_rate", 0.25)
                .containsEntry("rideops_rides_requested_recent", 40.0)
                .containsEntry("rideops_rides_requested_baseline", 0.0)
                .containsEntry("rideops_kpi_window_seconds{window=\"baseline\"}", 1800.0)
                .doesNotContainKeys("rideops_match_rate_baseline", "rideops_cancel_rate_baseline");
    }

    /** Nothing answers here but the disk: the others are reported down (Kafka after the budget), the disk served. */
    @Test
    void aSourceThatDoesNotAnswerIsReportedDownAndTheOthersStillServed() {
        PipelineMetrics.Settings settings = new PipelineMetrics.Settings(
                "jdbc:postgresql://127.0.0.1:1/reporting_db",
                "user",
                "password",
                "127.0.0.1:1",
                "http://127.0.0.1:1",
                Path.of("/nonexistent-rideops-home"),
                30,
                2L << 30,
                Duration.ofMinutes(5),
                Duration.ofMinutes(30));

        String text = new PipelineMetrics(settings).collect(NOW).text();

        assertThat(GaugesTest.samples(text))
                .containsEntry("rideops_exporter_source_up{source=\"mart\"}", 0.0)
                .containsEntry("rideops_exporter_source_up{source=\"kafka\"}", 0.0)
                .containsEntry("rideops_exporter_source_up{source=\"connect\"}", 0.0)
                .containsEntry("rideops_exporter_source_up{source=\"disk\"}", 1.0)
                .containsEntry("rideops_disk_min_free_bytes", 2147483648d)
                .containsKey("rideops_exporter_collect_seconds");
        assertThat(text).doesNotContain("rideops_mart_age_seconds").doesNotContain("rideops_connector_task_running");
    }

    @Test
    void eachConnectorTaskIsRunningOrNotAndAFailedOneIsMarked() {
        Gauges metrics = new Gauges();
        PipelineMetrics.tasks(
                metrics,
                new ConnectorState(
                        "rideops-cdc",
                        "RUNNING",
                        "w",
                        List.of(
                                new ConnectorState.Task(0, "RUNNING", "w", null),
                                new ConnectorState.Task(1, "FAILED", "w", "boom"),
                                new ConnectorState.Task(2, "PAUSED", "w", null))));

        assertThat(GaugesTest.samples(metrics.text()))
                .containsEntry("rideops_connector_task_running{connector=\"rideops-cdc\",task=\"0\"}", 1.0)
                .containsEntry("rideops_connector_task_failed{connector=\"rideops-cdc\",task=\"0\"}", 0.0)
                .containsEntry("rideops_connector_task_running{connector=\"rideops-cdc\",task=\"1\"}", 0.0)
                .containsEntry("rideops_connector_task_failed{connector=\"rideops-cdc\",task=\"1\"}", 1.0)
                .containsEntry("rideops_connector_task_running{connector=\"rideops-cdc\",task=\"2\"}", 0.0)
                .containsEntry("rideops_connector_task_failed{connector=\"rideops-cdc\",task=\"2\"}", 0.0);
    }
}
