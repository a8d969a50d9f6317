package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.ErrorHandler;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.output.ChangedLines;
import dev.rideops.cli.verify.Freshness;
import dev.rideops.clients.DaemonThreads;
import dev.rideops.clients.LoginRefusedException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.clients.connect.ConnectorState;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.kafka.ConsumerLag;
import dev.rideops.clients.kafka.DeadLetters;
import dev.rideops.clients.prometheus.Alert;
import dev.rideops.clients.prometheus.PrometheusAlerts;
import dev.rideops.clients.prometheus.PrometheusQueries;
import dev.rideops.clients.reporting.MartActivity;
import dev.rideops.contract.JobContract;
import dev.rideops.contract.SearchIndexes;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline's health: one look at its figures ({@link #look()}), whether its results are current
 * ({@link #resultsNotReady}), and the catch-up wait after a start ({@link #checkHealth}).
 */
public final class PipelineHealth {

    private static final Duration POLL = Duration.ofSeconds(3);

    private final RideopsConfig config;
    private final Endpoints endpoints;
    private final PrintWriter err;

    public PipelineHealth(RideopsConfig config, Endpoints endpoints, PrintWriter err) {
        this.config = config;
        this.endpoints = endpoints;
        this.err = err;
    }

    /**
     * After results appear: the job's checkpoints complete, its consumer lag and the snapshot's freshness come
     * within their thresholds (health.max-lag-records, health.max-freshness-seconds), each waited for with the same
     * deadline: a job still catching up with a backlog gets the time to do so. Returns the figures as a health table.
     */
    public Map<String, String> checkHealth(String jobId, Duration timeout) {
        FlinkJob flink = endpoints.flink();
        long deadline = System.nanoTime() + timeout.toNanos();
        long checkpoints = Poll.every(POLL, timeout)
                .until(() -> Optional.of(flink.completedCheckpoints(jobId)).filter(n -> n > 0))
                .orElse(0L);
        if (checkpoints == 0) {
            throw new RideopsException(
                    "the Flink job completed no checkpoint in " + timeout.toSeconds() + "s",
                    "see 'rideops logs flink-jobmanager' (checkpoints are what commit the job's Kafka offsets)");
        }
        long maxLag = config.intValue(Setting.HEALTH_MAX_LAG_RECORDS);
        long maxBehind = config.intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS);
        AtomicReference<CatchUp> last = new AtomicReference<>();
        // a look that reads as the one before (a lag that does not move, an empty snapshot) is not said again
        ChangedLines progress = new ChangedLines(err);
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        CatchUp caughtUp = Poll.every(POLL, left)
                .until(() -> {
                    CatchUp now = catchUp();
                    last.set(now);
                    if (caughtUp(now)) {
                        return Optional.of(now);
                    }
                    progress.print("  waiting for the job to catch up: " + now.describe());
                    return Optional.<CatchUp>empty();
                })
                .orElseThrow(() -> notCaughtUp(last.get(), timeout, maxLag, maxBehind));
        long lag = caughtUp.lag();
        Double behind = caughtUp.behind();
        Map<String, String> health = new LinkedHashMap<>();
        health.put("job checkpoints completed", Long.toString(checkpoints));
        health.put("consumer lag (records)", lag + " (limit " + maxLag + ")");
        health.put(
                "snapshot freshness",
                String.format(Locale.ROOT, "%.1f s behind the source (limit %d s)", behind, maxBehind));
        return health;
    }

    /**
     * One look at the pipeline, for {@code status} and {@code wait}: never throws, an unreachable part is an
     * unknown figure and a problem.
     */
    public PipelineStatus look() {
        long maxLag = config.intValue(Setting.HEALTH_MAX_LAG_RECORDS);
        long maxBehind = config.intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS);
        FlinkJob flink = endpoints.flink();
        String jobId;
        try {
            jobId = flink.runningJobId().orElse(null);
        } catch (RuntimeException e) {
            jobId = null;
        }
        if (jobId == null) {
            return PipelineStatus.of(null, null, null, null, null, null, maxLag, maxBehind);
        }
        // Each figure comes from another service and mostly waits on it: read side by side, not one after the other.
        String running = jobId;
        ExecutorService pool = DaemonThreads.cachedPool("rideops-pipeline-look");
        try {
            CompletableFuture<JobLook> job = CompletableFuture.supplyAsync(() -> JobLook.of(flink, running), pool);
            Map<String, String> lagRefused = new LinkedHashMap<>();
            // the exporter's computation (rideops_consumer_lag_seconds), over every topic
            CompletableFuture<ConsumerLag.Summary> lagRead = CompletableFuture.supplyAsync(
                    () -> ConsumerLag.Summary.of(unknownIfRefused(
                            () -> ConsumerLag.withAge(endpoints.kafka(config), JobContract.GROUP_ID, Instant.now()),
                            Map.of(),
                            lagRefused,
                            PipelineStatus.LAG_UNKNOWN)),
                    pool);
            CompletableFuture<Long> pendingRead =
                    CompletableFuture.supplyAsync(() -> sourcePending(flink, running), pool);
            Map<String, String> freshnessRefused = new LinkedHashMap<>();
            CompletableFuture<Double> freshnessRead =
                    CompletableFuture.supplyAsync(() -> freshness(freshnessRefused), pool);
            Map<String, String> signalsRefused = new LinkedHashMap<>();
            // adds the connector's and dead letters' refusals
            CompletableFuture<PipelineSignals> signalsRead =
                    CompletableFuture.supplyAsync(() -> signals(signalsRefused), pool);

            JobLook jobLook = job.join();
            ConsumerLag.Summary committed = lagRead.join();
            long pending = pendingRead.join();
            Double freshness = freshnessRead.join();
            PipelineSignals signals = signalsRead.join();
            Map<String, String> refused = new LinkedHashMap<>(lagRefused);
            freshnessRefused.forEach(refused::putIfAbsent);
            signalsRefused.forEach(refused::putIfAbsent);
            long lag = Math.max(committed.records(), pending);
            return PipelineStatus.of(
                    jobId,
                    jobLook.state(),
                    jobLook.checkpointAgeSeconds(),
                    lag < 0 ? null : Long.valueOf(lag),
                    lagSeconds(committed, pending),
                    freshness,
                    maxLag,
                    maxBehind,
                    signals,
                    refused);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The job's state and its last checkpoint's age in seconds; null what Flink did not answer. */
    private record JobLook(String state, Long checkpointAgeSeconds) {

        static JobLook of(FlinkJob flink, String jobId) {
            String state = null;
            Long checkpointAge = null;
            try {
                state = flink.state(jobId);
                long ack = flink.latestCheckpointAckMs(jobId);
                checkpointAge = ack < 0 ? null : Math.max(0, (System.currentTimeMillis() - ack) / 1000);
            } catch (RuntimeException e) {
                // Flink stopped answering between the two calls: state and checkpoint stay unknown
            }
            return new JobLook(state, checkpointAge);
        }
    }

    /**
     * The committed lag's age, unless the job's source reports more records pending than the committed offsets say:
     * right after a deploy those offsets are the previous job's (see {@link #sourcePending}), so their age would
     * read as caught up while a rebuild is still reading; unknown (null) then rather than too young.
     */
    static Double lagSeconds(ConsumerLag.Summary committed, long sourcePending) {
        return sourcePending > committed.records() ? null : committed.seconds();
    }

    /**
     * What the job's source has not fetched yet, -1 when not reported. The committed lag alone misleads right after
     * a deploy: until the new job's first checkpoint commits, the group's offsets are the previous job's, so a job
     * rebuilt from the earliest offsets looked caught up before it had read anything.
     */
    private static long sourcePending(FlinkJob flink, String jobId) {
        try {
            return flink.sourcePendingRecords(jobId);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * A look never throws: a figure Kafka does not give is unknown. Kafka refusing rideops's login or an ACL is noted
     * in {@code refused} under the problem the unknown figure would show, so status names the setting to fix instead.
     */
    private static <T> T unknownIfRefused(
            java.util.function.Supplier<T> read, T unknown, Map<String, String> refused, String problem) {
        try {
            return read.get();
        } catch (LoginRefusedException e) {
            refused.putIfAbsent(problem, ErrorHandler.oneLine(e));
            return unknown;
        } catch (dev.rideops.clients.ClientException e) {
            return unknown;
        }
    }

    /**
     * The connector, dead letters, firing alerts and the connector's snapshot; what does not answer stays unknown, a
     * refused login noted.
     */
    private PipelineSignals signals(Map<String, String> refused) {
        ConnectorState connector = null;
        boolean registered = true;
        try {
            CdcConnector cdc = endpoints.connector(config);
            registered = cdc.exists();
            connector = registered ? cdc.state() : null;
        } catch (LoginRefusedException e) {
            // not "unknown": Connect answers, but not to connect.password
            refused.putIfAbsent("the CDC connector", ErrorHandler.oneLine(e));
        } catch (RuntimeException e) {
            // Connect does not answer: status shows its service as down
        }
        Optional<DeadLetters.Counts> letters = unknownIfRefused(
                () -> DeadLetters.counts(
                        endpoints.kafka(config),
                        JobContract.DEAD_LETTER_TOPIC,
                        Instant.now().minus(Duration.ofMinutes(PipelineSignals.RECENT_MINUTES))),
                Optional.empty(),
                refused,
                "dead letters");
        List<PipelineSignals.FiringAlert> alerts = null;
        ConnectorSnapshot snapshot = null;
        try {
            alerts = new PrometheusAlerts(endpoints.prometheusUrl())
                    .active().stream()
                            .filter(Alert::firing)
                            .map(PipelineSignals.FiringAlert::of)
                            .toList();
            snapshot = ConnectorSnapshot.read(new PrometheusQueries(endpoints.prometheusUrl()))
                    .orElse(null);
        } catch (RuntimeException e) {
            // no Prometheus (not installed, or not running): no alerts or snapshot to show
        }
        return new PipelineSignals(
                connector,
                registered,
                letters.map(DeadLetters.Counts::total).orElse(null),
                letters.map(DeadLetters.Counts::since).orElse(null),
                alerts,
                snapshot);
    }

    /**
     * What keeps the results from being current, for {@code wait --for results} and {@code up}: each mart table
     * ({@link MartActivity#TABLES}) needs a result at most {@code maxAgeSeconds} old in event time, and the search
     * index a driver document. Empty when they are. Throws {@link LoginRefusedException} when the search node or the
     * mart refuses the login, so a wait ends at once naming the setting to fix.
     */
    public List<String> resultsNotReady(long maxAgeSeconds) {
        List<String> notReady = new ArrayList<>();
        try {
            notReady.addAll(staleTables(martActivity().newestResults(), Instant.now(), maxAgeSeconds));
        } catch (LoginRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            notReady.add("the mart cannot be read (" + e.getMessage() + ")");
        }
        if (documents() <= 0) {
            notReady.add("no documents in " + SearchIndexes.LATEST);
        }
        return notReady;
    }

    /** Each table without a result, or whose newest is older than the limit. */
    static List<String> staleTables(Map<String, Instant> newest, Instant now, long maxAgeSeconds) {
        List<String> stale = new ArrayList<>();
        for (String table : MartActivity.TABLES) {
            Instant at = newest.get(table);
            if (at == null) {
                stale.add("mart." + table + " has no rows");
            } else {
                long age = Math.max(0, Duration.between(at, now).toSeconds());
                if (age > maxAgeSeconds) {
                    stale.add("mart." + table + " newest result " + age + " s old > " + maxAgeSeconds + " s");
                }
            }
        }
        return stale;
    }

    private MartActivity martActivity() {
        return new MartActivity(
                endpoints.reportingJdbcUrl(),
                config.get(Setting.REPORTING_USER),
                config.get(Setting.REPORTING_PASSWORD));
    }

    /**
     * One look at how far behind the job is, what {@link #checkHealth} polls: a figure that cannot be read is
     * unknown, only Kafka refusing the login is thrown ({@link LoginRefusedException}).
     */
    public CatchUp catchUp() {
        return new CatchUp(ConsumerLag.total(endpoints.kafka(config), JobContract.GROUP_ID), freshnessReading());
    }

    /** Whether a look is within the health.* limits: lag and snapshot freshness both known and small enough. */
    public boolean caughtUp(CatchUp look) {
        return look.lagWithin(config.intValue(Setting.HEALTH_MAX_LAG_RECORDS))
                && look.freshWithin(config.intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS));
    }

    /**
     * One look at how far behind the job is: committed consumer lag (-1 unknown) and both sides' newest change for
     * the snapshot's freshness (null unknown).
     */
    public record CatchUp(long lag, Freshness.Reading fresh) {

        /** The snapshot's freshness in seconds behind the source, null unknown. */
        public Double behind() {
            return fresh == null ? null : fresh.secondsBehind();
        }

        public String describe() {
            return "lag " + (lag < 0 ? "unknown" : lag + " records") + ", snapshot " + describeBehind();
        }

        boolean lagWithin(long max) {
            return lag >= 0 && lag <= max;
        }

        boolean freshWithin(long maxSeconds) {
            Double behind = behind();
            return behind != null && behind <= maxSeconds;
        }

        String describeBehind() {
            Double behind = behind();
            return behind == null ? "empty" : String.format(Locale.ROOT, "%.1f s behind", behind);
        }
    }

    private RideopsException notCaughtUp(CatchUp last, Duration timeout, long maxLag, long maxBehind) {
        if (last == null || !last.lagWithin(maxLag)) {
            long lag = last == null ? -1 : last.lag();
            return new RideopsException(
                    "the job is not keeping up: consumer lag "
                            + (lag < 0 ? "unknown (no offsets committed)" : lag + " records") + " after "
                            + timeout.toSeconds() + "s (health.max-lag-records = " + maxLag + ")",
                    "look for backpressure in the Flink UI at " + endpoints.flinkUrl()
                            + ", or raise the limit with --set health.max-lag-records=N");
        }
        return new RideopsException(
                "the snapshot is "
                        + (last.behind() == null
                                ? "empty"
                                : String.format(Locale.ROOT, "%.1f s behind the newest source change", last.behind()))
                        + " after "
                        + timeout.toSeconds() + "s (health.max-freshness-seconds = " + maxBehind + ")",
                "see 'rideops logs flink-taskmanager-1', or raise the limit with "
                        + "--set health.max-freshness-seconds=N");
    }

    private Freshness.Reading freshnessReading() {
        return freshnessReading(new LinkedHashMap<>());
    }

    /** The snapshot's freshness, null when unreadable; a database refusing the reader's login is noted in refused. */
    private Double freshness(Map<String, String> refused) {
        Freshness.Reading reading = freshnessReading(refused);
        return reading == null ? null : reading.secondsBehind();
    }

    private Freshness.Reading freshnessReading(Map<String, String> refused) {
        try (Connection source = Databases.source(config);
                Connection reporting = Databases.reporting(config, endpoints)) {
            return Freshness.read(source, reporting);
        } catch (RideopsException e) {
            if (Databases.loginRefused(e)) {
                refused.putIfAbsent(PipelineStatus.SNAPSHOT_UNKNOWN, e.oneLine());
            }
            return null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The driver documents, -1 when the node does not answer yet. A refused login is thrown: no wait makes the node
     * take it, and "no documents" would send the user looking at the job instead of the reader's password.
     */
    private long documents() {
        try {
            return endpoints
                    .searchAsReader(config)
                    .get("/" + SearchIndexes.LATEST + "/_count")
                    .path("count")
                    .asLong(-1);
        } catch (LoginRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
