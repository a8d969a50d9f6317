package dev.rideops.cli.exporter;

import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.clients.DaemonThreads;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.clients.connect.ConnectorState;
import dev.rideops.clients.kafka.ConsumerLag;
import dev.rideops.clients.kafka.DeadLetters;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.reporting.MartActivity;
import dev.rideops.clients.reporting.MartActivity.MinuteValue;
import dev.rideops.clients.source.ReplicationSlots;
import dev.rideops.clients.source.RowChanges;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobContract;
import dev.rideops.dashboard.data.LocalProcesses;
import dev.rideops.stack.disk.DiskSpace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the pipeline exporter serves, read afresh on each scrape: how old the mart's newest results are per table
 * (against {@code health.max-freshness-seconds}), the recent match and cancel rates and their baseline, the last
 * complete minute's headline KPIs, the dead-letter topic's size, the job's committed consumer lag per topic in
 * records and seconds, the source's replication slots' lag in bytes and its row changes per table, the CDC
 * connector's tasks, each local service's CPU and RSS, and the free disk under the home (against
 * {@code disk.min-free}). The limits are served beside the figures, so the alert rules compare with the configured
 * values rather than copies of them. A source that does not answer is reported by
 * {@code rideops_exporter_source_up} and leaves its figures out; the rest are still served.
 */
public final class PipelineMetrics {

    /** What the exporter reads and the limits it serves, from the effective config. */
    public record Settings(
            String reportingUrl,
            String sourceUrl,
            String readerUser,
            String readerPassword,
            KafkaAccess kafka,
            CdcConnector connector,
            Path home,
            long maxAgeSeconds,
            long minFreeBytes,
            Duration recent,
            Duration baseline) {

        public static Settings from(RideopsConfig config, Endpoints endpoints) {
            return new Settings(
                    endpoints.reportingJdbcUrl(),
                    SourceDbs.reader(config).url(),
                    // both databases are only read: as the read-only role, like verify (pg_monitor for the slots)
                    config.get(Setting.READER_USER),
                    config.get(Setting.READER_PASSWORD),
                    endpoints.kafka(config),
                    // as every command reaches Connect: its login, and with security.tls its https verified
                    endpoints.connector(config),
                    config.home(),
                    config.intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS),
                    config.bytes(Setting.DISK_MIN_FREE),
                    Duration.ofMinutes(config.intValue(Setting.MONITORING_KPI_WINDOW_MINUTES)),
                    Duration.ofMinutes(config.intValue(Setting.MONITORING_KPI_BASELINE_MINUTES)));
        }
    }

    /**
     * Sources are read in parallel, and one that has not answered in this time is reported down: a dead Kafka
     * (whose client waits 10 s) must not make the whole scrape miss Prometheus's 10 s scrape timeout, which would
     * read as the exporter being down.
     */
    static final Duration BUDGET = Duration.ofSeconds(7);

    private static final ExecutorService POOL = DaemonThreads.cachedPool("rideops-exporter-read");

    private final Settings settings;
    private final MartActivity mart;
    private final LocalProcesses processes;
    private final Duration budget;

    public PipelineMetrics(Settings settings) {
        this(settings, null);
    }

    /** @param processes the local stack's services, sampled for CPU and RSS; null against remote services */
    public PipelineMetrics(Settings settings, LocalProcesses processes) {
        this(settings, processes, BUDGET);
    }

    /** With another budget than {@link #BUDGET}: tests of sources that never answer need not wait 7 s each. */
    PipelineMetrics(Settings settings, LocalProcesses processes, Duration budget) {
        this.settings = settings;
        this.mart = new MartActivity(settings.reportingUrl(), settings.readerUser(), settings.readerPassword());
        this.processes = processes;
        this.budget = budget;
    }

    public Gauges collect(Instant now) {
        long started = System.nanoTime();
        Map<String, Reading> sources = new LinkedHashMap<>();
        sources.put("mart", part -> mart(part, now));
        sources.put("kafka", this::kafka);
        sources.put("connect", this::connect);
        sources.put("source", this::source);
        sources.put("disk", this::disk);
        if (processes != null) {
            sources.put("processes", this::processes);
        }
        Map<String, CompletableFuture<Gauges>> reads = new LinkedHashMap<>();
        sources.forEach((name, reading) -> reads.put(
                name,
                CompletableFuture.supplyAsync(
                        () -> {
                            Gauges part = new Gauges();
                            return reading.read(part) ? part : null;
                        },
                        POOL)));
        Gauges metrics = new Gauges();
        Map<String, Boolean> up = new LinkedHashMap<>();
        long deadline = started + budget.toNanos();
        reads.forEach((name, read) -> {
            Gauges part = null;
            try {
                part = read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                read.cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (part != null) {
                metrics.addAll(part);
            }
            up.put(name, part != null);
        });
        up.forEach((name, answered) -> metrics.gauge(
                "rideops_exporter_source_up",
                "1 when the exporter read the source (mart, kafka, connect, source database, disk, local processes) in "
                        + "time, 0 when it did not.",
                Map.of("source", name),
                answered ? 1 : 0));
        metrics.gauge(
                "rideops_exporter_collect_seconds",
                "How long this scrape took to read every source.",
                (System.nanoTime() - started) / 1e9);
        return metrics;
    }

    /** Reads one source into its part of the answer; false (and its figures left out) when it failed. */
    private interface Reading {
        boolean read(Gauges part);
    }

    private boolean mart(Gauges metrics, Instant now) {
        Map<String, Instant> newest = mart.newestResults();
        metrics.gauge(
                "rideops_mart_max_age_seconds",
                "health.max-freshness-seconds: the oldest the mart's newest results may be.",
                settings.maxAgeSeconds());
        ages(metrics, newest, now);
        Instant factEnd = newest.get("fact_metric_bucket");
        if (factEnd != null) {
            Instant newestBucket = factEnd.minus(Duration.ofMinutes(1));
            List<MinuteValue> values = mart.minuteValues(
                    LAST_MINUTE_READ,
                    KpiWindows.from(newestBucket, settings.recent(), settings.baseline()),
                    newestBucket);
            KpiWindows windows = KpiWindows.of(values, newestBucket, settings.recent(), settings.baseline());
            rates(metrics, windows, settings.recent(), settings.baseline());
            lastMinute(metrics, values, newestBucket.minus(Duration.ofMinutes(1)));
        }
        return true;
    }

    /** Seconds from each table's newest result (in event time) to now; 0 while results are current. */
    static void ages(Gauges metrics, Map<String, Instant> newest, Instant now) {
        newest.forEach((table, at) -> metrics.gauge(
                "rideops_mart_age_seconds",
                "Seconds since the event time of the table's newest result: its newest change for the snapshot, the "
                        + "end of its newest MINUTE bucket for the others.",
                Map.of("table", table),
                Math.max(0, Duration.between(at, now).toMillis() / 1000.0)));
    }

    static void rates(Gauges metrics, KpiWindows w, Duration recent, Duration baseline) {
        String windows =
                " Windows end at the newest MINUTE bucket's start; the recent one is monitoring.kpi-window-minutes"
                        + " long, the baseline the monitoring.kpi-baseline-minutes before it.";
        metrics.gauge(
                "rideops_kpi_window_seconds",
                "Length of the recent window of the rates." + windows,
                Map.of("window", "recent"),
                recent.toSeconds());
        metrics.gauge(
                "rideops_kpi_window_seconds",
                "Length of the recent window of the rates." + windows,
                Map.of("window", "baseline"),
                baseline.toSeconds());
        metrics.gauge(
                "rideops_rides_requested_recent",
                "Rides requested in the recent window." + windows,
                w.requestedRecent());
        metrics.gauge(
                "rideops_rides_requested_baseline",
                "Rides requested in the baseline window." + windows,
                w.requestedBaseline());
        optional(metrics, "rideops_match_rate", "Rides accepted / requested in the recent window.", w.matchRate());
        optional(
                metrics,
                "rideops_match_rate_baseline",
                "Rides accepted / requested in the baseline window.",
                w.matchRateBaseline());
        optional(metrics, "rideops_cancel_rate", "Rides cancelled / requested in the recent window.", w.cancelRate());
        optional(
                metrics,
                "rideops_cancel_rate_baseline",
                "Rides cancelled / requested in the baseline window.",
                w.cancelRateBaseline());
    }

    /** The MINUTE metrics read for the windows and the last minute's headline KPIs. */
    private static final List<String> LAST_MINUTE_READ =
            List.of(KpiWindows.REQUESTED, KpiWindows.ACCEPTED, KpiWindows.CANCELLED, "gmv");

    /**
     * The headline KPIs of the last complete MINUTE bucket (the one before the newest, which is still filling):
     * requests, match rate, cancel rate and GMV per minute. A rate is left out when that minute had no request.
     */
    static void lastMinute(Gauges metrics, List<MinuteValue> values, Instant bucketStart) {
        Map<String, Double> kpi = new LinkedHashMap<>();
        for (MinuteValue v : values) {
            if (v.bucketStart().equals(bucketStart)) {
                kpi.merge(v.metric(), v.value(), Double::sum);
            }
        }
        double requested = kpi.getOrDefault(KpiWindows.REQUESTED, 0.0);
        String help = "The headline KPIs of the last complete MINUTE bucket (requests, match and cancel rate, GMV), "
                + "the one before the newest, which is still filling.";
        metrics.gauge("rideops_kpi_last_minute", help, Map.of("kpi", "rides_requested"), requested);
        if (requested > 0) {
            metrics.gauge(
                    "rideops_kpi_last_minute",
                    help,
                    Map.of("kpi", "match_rate"),
                    kpi.getOrDefault(KpiWindows.ACCEPTED, 0.0) / requested);
            metrics.gauge(
                    "rideops_kpi_last_minute",
                    help,
                    Map.of("kpi", "cancel_rate"),
                    kpi.getOrDefault(KpiWindows.CANCELLED, 0.0) / requested);
        }
        metrics.gauge("rideops_kpi_last_minute", help, Map.of("kpi", "gmv"), kpi.getOrDefault("gmv", 0.0));
        metrics.gauge(
                "rideops_kpi_last_minute_start_seconds",
                "Unix time of the start of the bucket rideops_kpi_last_minute reports.",
                bucketStart.getEpochSecond());
    }

    /** A rate of a window without requests is left out rather than served as 0 (which would read as a drop). */
    private static void optional(Gauges metrics, String name, String help, Double value) {
        if (value != null) {
            metrics.gauge(name, help, value);
        }
    }

    private boolean kafka(Gauges metrics) {
        long deadLetters = DeadLetters.count(settings.kafka(), JobContract.DEAD_LETTER_TOPIC);
        if (deadLetters < 0) {
            return false;
        }
        deadLetters(metrics, deadLetters);
        consumerLag(metrics, ConsumerLag.withAge(settings.kafka(), JobContract.GROUP_ID, Instant.now()));
        return true;
    }

    static void deadLetters(Gauges metrics, long records) {
        metrics.gauge(
                "rideops_dead_letter_records",
                "Records on the dead-letter topic now (what the job could not decode or index, with the reason).",
                Map.of("topic", JobContract.DEAD_LETTER_TOPIC),
                records);
    }

    /**
     * Per topic, the records the job has not committed and how long the oldest of them has waited in Kafka. Seconds
     * come from the committed offset's record timestamp rather than the job's watermark: they are per topic, need
     * no running job (a stopped job's lag keeps growing instead of vanishing) and mean the same as the records.
     */
    static void consumerLag(Gauges metrics, Map<String, ConsumerLag.TopicLag> lag) {
        String commits = " Offsets commit on checkpoints, so this trails the live lag by up to a checkpoint interval.";
        lag.forEach((topic, l) -> {
            metrics.gauge(
                    "rideops_consumer_lag_records",
                    "CDC records the job has not committed yet per topic." + commits,
                    Map.of("topic", topic),
                    l.records());
            if (l.seconds() != null) {
                metrics.gauge(
                        "rideops_consumer_lag_seconds",
                        "Seconds the oldest CDC record the job has not committed yet has waited in Kafka (now minus "
                                + "its timestamp), per topic; 0 when none waits." + commits,
                        Map.of("topic", topic),
                        l.seconds());
            }
        });
    }

    /** The source's logical replication slots (as the read-only role: pg_monitor) and its row changes. */
    private boolean source(Gauges metrics) {
        Properties login = new Properties();
        login.setProperty("user", settings.readerUser());
        if (settings.readerPassword() != null) {
            login.setProperty("password", settings.readerPassword());
        }
        // a paused source (chaos's SIGSTOP) must not hold a reading thread past the scrape's budget, scrape after
        // scrape
        // (whole seconds, at least one: the driver's unit)
        String timeout = String.valueOf(Math.max(1, budget.toSeconds()));
        login.setProperty("connectTimeout", timeout);
        login.setProperty("socketTimeout", timeout);
        login.setProperty("ApplicationName", "rideops-exporter");
        try (Connection c = DriverManager.getConnection(settings.sourceUrl(), login)) {
            slots(metrics, ReplicationSlots.logical(c));
            try {
                rowChanges(metrics, RowChanges.of(c, MART_INPUTS));
            } catch (SQLException statisticsUnreadable) {
                // apart from the slots, so it does not blind the CDC slot alerts; the counter is missing this scrape
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The counter of the source's row changes; served, and read by the alert rules, with {@code _total} added. */
    public static final String ROW_CHANGES = "rideops_source_row_changes";

    /**
     * The captured tables whose changes move the mart: all but riders, whose changes the job drops (nothing it
     * computes reads them), so a new rider alone would look like a source the mart does not follow. The same tables
     * as status's freshness. Debezium's signal table is not among the captured tables.
     */
    static final List<String> MART_INPUTS = CdcContract.TABLES.stream()
            .filter(table -> !table.equals("public.riders"))
            .toList();

    /**
     * Rows inserted, updated and deleted per table of {@link #MART_INPUTS}, from the source's own statistics: whether
     * the source moved on, read without touching the tables (their timestamp columns have no index). Counters, one
     * per table, so that a table's statistics reset (to 0) reads as that counter's reset in {@code increase()}; in a
     * sum it would read as the other tables' changes.
     */
    static void rowChanges(Gauges metrics, Map<String, Long> changes) {
        changes.forEach((table, rows) -> metrics.counter(
                ROW_CHANGES,
                "Rows inserted, updated and deleted in a captured table of the source the job reads (all but "
                        + "riders), from PostgreSQL's statistics (pg_stat_user_tables): they trail the commits by up to "
                        + "10 s, and start again from 0 after a statistics reset or a crash restart of the source.",
                Map.of("table", table),
                rows));
    }

    static void slots(Gauges metrics, List<ReplicationSlots.Slot> slots) {
        for (ReplicationSlots.Slot slot : slots) {
            Map<String, String> name = Map.of("slot", slot.name());
            metrics.gauge(
                    "rideops_cdc_slot_lag_bytes",
                    "WAL the source wrote since the slot's consumer (the CDC connector) last confirmed a position.",
                    name,
                    slot.lagBytes());
            metrics.gauge(
                    "rideops_cdc_slot_retained_bytes",
                    "WAL the source keeps on disk for the slot: it grows while the connector is stopped.",
                    name,
                    slot.retainedBytes());
            metrics.gauge(
                    "rideops_cdc_slot_active",
                    "1 while a consumer (the CDC connector's task) streams from the slot.",
                    name,
                    slot.active() ? 1 : 0);
        }
    }

    /** CPU and resident memory of each local service's process tree. */
    private boolean processes(Gauges metrics) {
        services(metrics, processes.sample());
        return true;
    }

    static void services(Gauges metrics, List<LocalProcesses.Load> loads) {
        for (LocalProcesses.Load load : loads) {
            Map<String, String> service = Map.of("service", load.service());
            if (load.cpuCores() != null) {
                metrics.gauge(
                        "rideops_service_cpu_cores",
                        "Cores the service's process tree used since the exporter's previous sample.",
                        service,
                        load.cpuCores());
            }
            metrics.gauge(
                    "rideops_service_rss_bytes",
                    "Resident memory of the service's process tree.",
                    service,
                    load.rssMb() * 1024 * 1024);
        }
    }

    /** The CDC connector's tasks as Connect's REST API reports them; none while it is not registered. */
    private boolean connect(Gauges metrics) {
        CdcConnector connector = settings.connector();
        if (connector.exists()) {
            tasks(metrics, connector.state());
        }
        return true;
    }

    static void tasks(Gauges metrics, ConnectorState state) {
        for (ConnectorState.Task task : state.tasks()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("connector", state.name());
            labels.put("task", Integer.toString(task.id()));
            metrics.gauge(
                    "rideops_connector_task_running",
                    "1 when the CDC connector's task is RUNNING in Kafka Connect, else 0 (paused, failed, "
                            + "unassigned, restarting).",
                    labels,
                    "RUNNING".equals(task.state()) ? 1 : 0);
            metrics.gauge(
                    "rideops_connector_task_failed",
                    "1 when the CDC connector's task is FAILED: it reads nothing until restarted.",
                    labels,
                    "FAILED".equals(task.state()) ? 1 : 0);
        }
    }

    private boolean disk(Gauges metrics) {
        Optional<DiskSpace> space = DiskSpace.of(settings.home());
        if (space.isEmpty()) {
            return false;
        }
        Map<String, String> path = Map.of("path", settings.home().toString());
        metrics.gauge(
                "rideops_disk_free_bytes",
                "Bytes free to rideops on the disk of RIDEOPS_HOME.",
                path,
                space.get().freeBytes());
        metrics.gauge(
                "rideops_disk_size_bytes",
                "Size of the disk of RIDEOPS_HOME.",
                path,
                space.get().totalBytes());
        metrics.gauge(
                "rideops_disk_min_free_bytes",
                "disk.min-free: below this much free space the disk is low.",
                settings.minFreeBytes());
        return true;
    }
}
