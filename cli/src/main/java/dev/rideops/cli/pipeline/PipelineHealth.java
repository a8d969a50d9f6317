package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.verify.Freshness;
import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.kafka.ConsumerLag;
import dev.rideops.contract.JobContract;
import dev.rideops.contract.SearchIndexes;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Waits, with a bounded deadline, until results are visible: mart rows and driver documents in the search index. */
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
        FlinkJob flink = new FlinkJob(endpoints.flinkUrl());
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
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        CatchUp caughtUp = Poll.every(POLL, left)
                .until(() -> {
                    CatchUp now = new CatchUp(
                            ConsumerLag.total(endpoints.kafkaBootstrap(), JobContract.GROUP_ID), freshness());
                    last.set(now);
                    if (now.lagWithin(maxLag) && now.freshWithin(maxBehind)) {
                        return Optional.of(now);
                    }
                    err.printf(
                            Locale.ROOT,
                            "  waiting for the job to catch up: lag %s, snapshot %s%n",
                            now.lag() < 0 ? "unknown" : now.lag() + " records",
                            now.describeBehind());
                    err.flush();
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
        FlinkJob flink = new FlinkJob(endpoints.flinkUrl());
        String jobId;
        try {
            jobId = flink.runningJobId().orElse(null);
        } catch (RuntimeException e) {
            jobId = null;
        }
        if (jobId == null) {
            return PipelineStatus.of(null, null, null, null, null, maxLag, maxBehind);
        }
        String state = null;
        Long checkpointAge = null;
        try {
            state = flink.state(jobId);
            long ack = flink.latestCheckpointAckMs(jobId);
            checkpointAge = ack < 0 ? null : Math.max(0, (System.currentTimeMillis() - ack) / 1000);
        } catch (RuntimeException e) {
            // Flink stopped answering between the two calls: state and checkpoint stay unknown
        }
        long lag = ConsumerLag.total(endpoints.kafkaBootstrap(), JobContract.GROUP_ID);
        return PipelineStatus.of(
                jobId, state, checkpointAge, lag < 0 ? null : Long.valueOf(lag), freshness(), maxLag, maxBehind);
    }

    /** One look at how far behind the job is: committed consumer lag and the snapshot's freshness. */
    private record CatchUp(long lag, Double behind) {

        boolean lagWithin(long max) {
            return lag >= 0 && lag <= max;
        }

        boolean freshWithin(long maxSeconds) {
            return behind != null && behind <= maxSeconds;
        }

        String describeBehind() {
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

    private Double freshness() {
        try (Connection source = Databases.source(config);
                Connection reporting = Databases.reporting(config, endpoints)) {
            return Freshness.secondsBehind(source, reporting);
        } catch (SQLException | RideopsException e) {
            return null;
        }
    }

    /** Returns what was seen; fails naming the stage that stayed empty. */
    public Map<String, Long> awaitResults(Duration timeout) {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
        return Poll.every(POLL, timeout)
                .until(() -> {
                    Map<String, Long> seen = new LinkedHashMap<>();
                    seen.put(
                            "mart.latest_metric_snapshot rows",
                            count("SELECT count(*) FROM mart.latest_metric_snapshot"));
                    seen.put("mart.fact_metric_bucket rows", count("SELECT count(*) FROM mart.fact_metric_bucket"));
                    seen.put(SearchIndexes.LATEST + " documents", documents());
                    last.set(seen);
                    if (seen.values().stream().allMatch(n -> n > 0)) {
                        return Optional.of(seen);
                    }
                    err.printf("  waiting for results: %s%n", seen);
                    err.flush();
                    return Optional.<Map<String, Long>>empty();
                })
                .orElseThrow(() -> {
                    String empty = last.get().entrySet().stream()
                            .filter(e -> e.getValue() <= 0)
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElse("results");
                    return new RideopsException(
                            "no " + empty + " after " + timeout.toSeconds() + "s",
                            "check 'rideops status', 'rideops logs connect' and 'rideops logs flink-taskmanager-1'");
                });
    }

    private long count(String sql) {
        try (Connection c = Databases.reporting(config, endpoints);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private long documents() {
        try {
            return endpoints
                    .search(config)
                    .get("/" + SearchIndexes.LATEST + "/_count")
                    .path("count")
                    .asLong(-1);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
