package dev.rideops.cli.commands;

import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.output.Json;
import dev.rideops.stack.deploy.ConsumerLag;
import dev.rideops.stack.deploy.FlinkJob;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Waits, with a bounded deadline, until results are visible: mart rows and driver documents in the search index. */
final class PipelineHealth {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final RideopsConfig config;
    private final Endpoints endpoints;
    private final PrintWriter err;

    PipelineHealth(RideopsConfig config, Endpoints endpoints, PrintWriter err) {
        this.config = config;
        this.endpoints = endpoints;
        this.err = err;
    }

    /**
     * After results appear: the job's checkpoints complete (waited for, bounded), its consumer lag, and how far
     * the newest snapshot change is behind now. Returns the figures as a health table.
     */
    Map<String, String> checkHealth(String jobId, Duration timeout) {
        FlinkJob flink = new FlinkJob(endpoints.flinkUrl());
        long deadline = System.nanoTime() + timeout.toNanos();
        long checkpoints = flink.completedCheckpoints(jobId);
        while (checkpoints == 0 && System.nanoTime() < deadline) {
            sleep();
            checkpoints = flink.completedCheckpoints(jobId);
        }
        if (checkpoints == 0) {
            throw new RideopsException("the Flink job completed no checkpoint in " + timeout.toSeconds() + "s",
                    "see 'rideops logs flink-jobmanager' (checkpoints are what commit the job's Kafka offsets)");
        }
        Map<String, String> health = new LinkedHashMap<>();
        health.put("job checkpoints completed", Long.toString(checkpoints));
        long lag = ConsumerLag.total(endpoints.kafkaBootstrap(), FlinkJob.GROUP_ID);
        health.put("consumer lag (records)", lag < 0 ? "not committed yet" : Long.toString(lag));
        long behind = count("SELECT (extract(epoch FROM now() - max(last_updated)) * 1000)::bigint "
                + "FROM mart.latest_metric_snapshot");
        health.put("snapshot freshness", behind < 0 ? "unknown" : String.format("%.1f s behind now", behind / 1000.0));
        return health;
    }

    /** Returns what was seen; fails naming the stage that stayed empty. */
    Map<String, Long> awaitResults(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> seen = new LinkedHashMap<>();
        while (true) {
            seen.put("mart.latest_metric_snapshot rows", count("SELECT count(*) FROM mart.latest_metric_snapshot"));
            seen.put("mart.fact_metric_bucket rows", count("SELECT count(*) FROM mart.fact_metric_bucket"));
            seen.put("driver_locations documents", documents());
            if (seen.values().stream().allMatch(n -> n > 0)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                String empty = seen.entrySet().stream().filter(e -> e.getValue() <= 0).map(Map.Entry::getKey)
                        .findFirst().orElse("results");
                throw new RideopsException("no " + empty + " after " + timeout.toSeconds() + "s",
                        "check 'rideops status', 'rideops logs connect' and 'rideops logs flink-taskmanager-1'");
            }
            err.printf("  waiting for results: %s%n", seen);
            err.flush();
            sleep();
        }
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection(endpoints.reportingJdbcUrl(),
                config.get(Setting.REPORTING_USER), config.get(Setting.REPORTING_PASSWORD));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private long documents() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.searchUrl()
                    + "/driver_locations/_count")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            return Json.mapper().readTree(r.body()).path("count").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
