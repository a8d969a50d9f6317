package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.clients.connect.ConnectorState;
import dev.rideops.clients.kafka.ConsumerLag;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.reporting.MartActivity.MinuteValue;
import dev.rideops.clients.source.ReplicationSlots;
import dev.rideops.contract.CdcContract;
import dev.rideops.dashboard.data.LocalProcesses;
import dev.rideops.dashboard.panels.Panel;
import dev.rideops.dashboard.panels.Panels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
        PipelineMetrics.Settings settings = nothingAnswers();

        long started = System.nanoTime();
        String text =
                new PipelineMetrics(settings, null, SHORT_BUDGET).collect(NOW).text();

        // the Kafka client alone would wait 10 s: the scrape answers after its budget, whatever the sources do
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SHORT_BUDGET.plusSeconds(3));

        assertThat(GaugesTest.samples(text))
                .containsEntry("rideops_exporter_source_up{source=\"mart\"}", 0.0)
                .containsEntry("rideops_exporter_source_up{source=\"kafka\"}", 0.0)
                .containsEntry("rideops_exporter_source_up{source=\"connect\"}", 0.0)
                .containsEntry("rideops_exporter_source_up{source=\"source\"}", 0.0)
                .containsEntry("rideops_exporter_source_up{source=\"disk\"}", 1.0)
                .containsEntry("rideops_disk_min_free_bytes", 2147483648d)
                .containsKey("rideops_exporter_collect_seconds");
        assertThat(text)
                .doesNotContain("rideops_mart_age_seconds")
                .doesNotContain("rideops_connector_task_running")
                .doesNotContain(PipelineMetrics.ROW_CHANGES);
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

    @Test
    void lagInSecondsIsServedBesideTheRecordsUnlessTheWaitingRecordsCouldNotBeRead() {
        Gauges metrics = new Gauges();
        Map<String, ConsumerLag.TopicLag> lag = new LinkedHashMap<>();
        lag.put("rideops.public.bookings", new ConsumerLag.TopicLag(40, 12.5));
        lag.put("rideops.public.drivers", new ConsumerLag.TopicLag(3, null));

        PipelineMetrics.consumerLag(metrics, lag);

        assertThat(GaugesTest.samples(metrics.text()))
                .containsEntry("rideops_consumer_lag_records{topic=\"rideops.public.bookings\"}", 40.0)
                .containsEntry("rideops_consumer_lag_seconds{topic=\"rideops.public.bookings\"}", 12.5)
                .containsEntry("rideops_consumer_lag_records{topic=\"rideops.public.drivers\"}", 3.0)
                .doesNotContainKey("rideops_consumer_lag_seconds{topic=\"rideops.public.drivers\"}");
    }

    @Test
    void eachSlotHasItsLagRetainedWalAndWhetherTheConnectorStreamsFromIt() {
        Gauges metrics = new Gauges();
        PipelineMetrics.slots(metrics, List.of(new ReplicationSlots.Slot("rideops_slot", false, 4096, 1 << 20)));

        assertThat(GaugesTest.samples(metrics.text()))
                .containsEntry("rideops_cdc_slot_lag_bytes{slot=\"rideops_slot\"}", 4096.0)
                .containsEntry("rideops_cdc_slot_retained_bytes{slot=\"rideops_slot\"}", 1048576.0)
                .containsEntry("rideops_cdc_slot_active{slot=\"rideops_slot\"}", 0.0);
    }

    /**
     * The source's row changes are counters per table (a statistics reset drops one to 0, which Prometheus must read
     * as that counter's reset, not as a fall of a sum) over the captured tables the job reads: riders' changes never
     * move the mart, so counting them would take a new rider for a source the mart does not follow.
     */
    @Test
    void theSourcesRowChangesAreCountersPerCapturedTableWhoseChangesReachTheMart() {
        Map<String, Long> changes = new LinkedHashMap<>();
        changes.put("public.bookings", 1_234_567L);
        changes.put("public.ratings", 0L);
        Gauges metrics = new Gauges();
        PipelineMetrics.rowChanges(metrics, changes);

        assertThat(metrics.text()).contains("# TYPE " + PipelineMetrics.ROW_CHANGES + "_total counter\n");
        assertThat(GaugesTest.samples(metrics.text()))
                .containsExactly(
                        Map.entry(PipelineMetrics.ROW_CHANGES + "_total{table=\"public.bookings\"}", 1_234_567.0),
                        Map.entry(PipelineMetrics.ROW_CHANGES + "_total{table=\"public.ratings\"}", 0.0));
        assertThat(PipelineMetrics.MART_INPUTS)
                .containsExactlyInAnyOrder(
                        "public.bookings",
                        "public.drivers",
                        "public.driver_location_events",
                        "public.payments",
                        "public.ratings")
                .isSubsetOf(CdcContract.TABLES)
                .doesNotContain(CdcContract.SIGNAL_TABLE);
    }

    @Test
    void theLastCompleteMinuteGivesTheHeadlineKpisAndItsRatesOnlyWhenItHadRequests() {
        Instant minute = Instant.parse("2026-03-02T07:58:00Z");
        List<MinuteValue> values = List.of(
                new MinuteValue(minute, "rides_requested", 20),
                new MinuteValue(minute, "rides_accepted", 15),
                new MinuteValue(minute, "rides_cancelled", 2),
                new MinuteValue(minute, "gmv", 1234.5),
                new MinuteValue(minute.minusSeconds(60), "rides_requested", 999));

        Gauges metrics = new Gauges();
        PipelineMetrics.lastMinute(metrics, values, minute);
        Gauges quiet = new Gauges();
        PipelineMetrics.lastMinute(quiet, values, minute.plusSeconds(60));

        assertThat(GaugesTest.samples(metrics.text()))
                .containsEntry("rideops_kpi_last_minute{kpi=\"rides_requested\"}", 20.0)
                .containsEntry("rideops_kpi_last_minute{kpi=\"match_rate\"}", 0.75)
                .containsEntry("rideops_kpi_last_minute{kpi=\"cancel_rate\"}", 0.1)
                .containsEntry("rideops_kpi_last_minute{kpi=\"gmv\"}", 1234.5)
                .containsEntry("rideops_kpi_last_minute_start_seconds", (double) minute.getEpochSecond());
        assertThat(GaugesTest.samples(quiet.text()))
                .containsEntry("rideops_kpi_last_minute{kpi=\"rides_requested\"}", 0.0)
                .containsEntry("rideops_kpi_last_minute{kpi=\"gmv\"}", 0.0)
                .doesNotContainKeys(
                        "rideops_kpi_last_minute{kpi=\"match_rate\"}", "rideops_kpi_last_minute{kpi=\"cancel_rate\"}");
    }

    @Test
    void eachLocalServiceHasItsRssAndItsCpuOnceThereIsAPreviousSample() {
        Gauges metrics = new Gauges();
        PipelineMetrics.services(
                metrics,
                List.of(
                        new LocalProcesses.Load("kafka", 11, 0.25, 512),
                        new LocalProcesses.Load("exporter", 12, null, 64)));

        assertThat(GaugesTest.samples(metrics.text()))
                .containsEntry("rideops_service_cpu_cores{service=\"kafka\"}", 0.25)
                .containsEntry("rideops_service_rss_bytes{service=\"kafka\"}", 512.0 * 1024 * 1024)
                .containsEntry("rideops_service_rss_bytes{service=\"exporter\"}", 64.0 * 1024 * 1024)
                .doesNotContainKey("rideops_service_cpu_cores{service=\"exporter\"}");
    }

    @Test
    void theLocalProcessesAreASourceOfTheirOwn() {
        PipelineMetrics.Settings settings = nothingAnswers();

        String text = new PipelineMetrics(
                        settings, () -> List.of(new LocalProcesses.Load("search", 5, 1.5, 1024)), SHORT_BUDGET)
                .collect(NOW)
                .text();

        assertThat(GaugesTest.samples(text))
                .containsEntry("rideops_exporter_source_up{source=\"processes\"}", 1.0)
                .containsEntry("rideops_service_cpu_cores{service=\"search\"}", 1.5);
    }

    /**
     * The dashboard's Infrastructure panels (and so the Grafana export) read the exporter's series by name: each name
     * a panel's PromQL uses must be one the exporter serves, or the panel stays empty without a word.
     */
    @Test
    void everyExporterSeriesADashboardPanelReadsIsServed() {
        Gauges metrics = new Gauges();
        PipelineMetrics.deadLetters(metrics, 0);
        PipelineMetrics.consumerLag(metrics, Map.of("rideops.public.bookings", new ConsumerLag.TopicLag(0, 0.0)));
        PipelineMetrics.services(metrics, List.of(new LocalProcesses.Load("kafka", 11, 0.25, 512)));
        PipelineMetrics.slots(metrics, List.of(new ReplicationSlots.Slot("rideops_slot", true, 0, 0)));
        PipelineMetrics.ages(metrics, Map.of("latest_metric_snapshot", NOW), NOW);
        Set<String> served = GaugesTest.samples(metrics.text()).keySet().stream()
                .map(sample -> sample.replaceFirst("\\{.*", ""))
                .collect(Collectors.toSet());
        // a rideops_ name not inside a flink_..._rideops_... one (the job's own metrics, through Flink's reporter)
        Pattern exporterName = Pattern.compile("(?<!\\w)rideops_\\w+");
        Set<String> read = new TreeSet<>();
        for (Panel p : Panels.all()) {
            if (p.source() == Panel.Source.PROMQL) {
                Matcher m = exporterName.matcher(p.query());
                while (m.find()) {
                    read.add(m.group());
                }
            }
        }
        assertThat(read)
                .contains(
                        "rideops_consumer_lag_seconds",
                        "rideops_service_cpu_cores",
                        "rideops_service_rss_bytes",
                        "rideops_dead_letter_records");
        assertThat(served).containsAll(read);
    }

    /** Settings whose databases, Kafka and Connect are all on a port nothing listens on. */
    /** Instead of the 7 s a real scrape waits for sources that do not answer (all of them, here). */
    private static final Duration SHORT_BUDGET = Duration.ofSeconds(2);

    private static PipelineMetrics.Settings nothingAnswers() {
        return new PipelineMetrics.Settings(
                "jdbc:postgresql://127.0.0.1:1/reporting_db",
                "jdbc:postgresql://127.0.0.1:1/source_db",
                "user",
                "password",
                KafkaAccess.plaintext("127.0.0.1:1"),
                new CdcConnector("http://127.0.0.1:1", Optional.empty()),
                Path.of("/nonexistent-rideops-home"),
                30,
                2L << 30,
                Duration.ofMinutes(5),
                Duration.ofMinutes(30));
    }
}
