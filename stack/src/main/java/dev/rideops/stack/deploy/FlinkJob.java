package dev.rideops.stack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rideops job on a Flink session cluster, over its REST API: find it, stop it with a savepoint, upload and run
 * a jar (from a savepoint when redeploying), and wait until it runs.
 */
public final class FlinkJob {

    public static final String JOB_NAME = "rideops-job";
    /** The job's Kafka consumer group and dead-letter topic (its defaults, which deploy keeps). */
    public static final String GROUP_ID = "rideops-job";
    public static final String DEAD_LETTER_TOPIC = "rideops.dlq";
    /** The name the job gives its Kafka source ({@code KpiPipeline}). */
    static final String SOURCE_NAME = "cdc-topics";
    private static final Set<String> ALIVE = Set.of("INITIALIZING", "CREATED", "RUNNING", "RESTARTING");

    private final RestCalls flink;

    public FlinkJob(String flinkUrl) {
        this.flink = new RestCalls(flinkUrl, "Flink");
    }

    public Optional<String> runningJobId() {
        for (JsonNode job : flink.get("/jobs/overview").path("jobs")) {
            if (JOB_NAME.equals(job.path("name").asText()) && ALIVE.contains(job.path("state").asText())) {
                return Optional.of(job.path("jid").asText());
            }
        }
        return Optional.empty();
    }

    /** Stops the job after a savepoint and returns the savepoint's location. */
    public String stopWithSavepoint(String jobId, long timeoutMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("drain", false);
        String trigger = flink.post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = flink.get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.at("/status/id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new DeployException("stopping the job with a savepoint failed: "
                            + operation.at("/failure-cause/class").asText(), "see 'rideops logs flink-jobmanager'");
                }
                return operation.path("location").asText();
            }
            sleep(500);
        }
        throw new DeployException("the savepoint did not complete in " + timeoutMs / 1000 + "s",
                "see 'rideops logs flink-jobmanager'");
    }

    /** Uploads the jar; returns its id on the cluster. */
    public String upload(Path jar) throws IOException {
        String uploaded = flink.upload("/jars/upload", jar).path("filename").asText();
        return uploaded.substring(uploaded.lastIndexOf('/') + 1);
    }

    /** The most recently uploaded jar: the one the running job came from when rideops deployed it. */
    public Optional<String> newestJar() {
        String newest = null;
        long newestAt = Long.MIN_VALUE;
        for (JsonNode jar : flink.get("/jars").path("files")) {
            if (jar.path("uploaded").asLong() > newestAt) {
                newestAt = jar.path("uploaded").asLong();
                newest = jar.path("id").asText();
            }
        }
        return Optional.ofNullable(newest);
    }

    /** Runs an uploaded jar, from a savepoint if one is given; returns the new job id. */
    public String run(String jarId, List<String> programArgs, String savepointPath) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("entryClass", "dev.rideops.job.RideopsJob");
        run.put("programArgsList", programArgs);
        if (savepointPath != null) {
            run.put("savepointPath", savepointPath);
            run.put("allowNonRestoredState", false);
        }
        return flink.post("/jars/" + jarId + "/run", run).path("jobid").asText();
    }

    /** Cancels a job that should not keep running (one that failed to start, say); gone or done is fine. */
    public void cancel(String jobId) {
        flink.patch("/jobs/" + jobId + "?mode=cancel");
    }

    /** Waits until every task of the job runs; a failed job is reported with its root exception. */
    public void awaitRunning(String jobId, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            JsonNode job = flink.get("/jobs/" + jobId);
            String state = job.path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                String cause = flink.get("/jobs/" + jobId + "/exceptions").at("/root-exception").asText("");
                throw new DeployException("the Flink job " + state + ": " + cause.lines().findFirst().orElse("?"),
                        "see 'rideops logs flink-taskmanager-1' and 'rideops logs flink-jobmanager'");
            }
            boolean allRunning = state.equals("RUNNING") && job.path("vertices").size() > 0;
            for (JsonNode vertex : job.path("vertices")) {
                allRunning &= "RUNNING".equals(vertex.path("status").asText());
            }
            if (allRunning) {
                return;
            }
            last = state;
            sleep(500);
        }
        throw new DeployException("the Flink job is not running after " + timeoutMs / 1000 + "s (" + last + ")",
                "check that the cluster has free task slots ('rideops status')");
    }

    /** Checkpoints completed so far, for health checks. */
    public long completedCheckpoints(String jobId) {
        return flink.get("/jobs/" + jobId + "/checkpoints").at("/counts/completed").asLong();
    }

    /** When the job last went into RESTARTING (a failover), epoch ms; 0 if it never did. */
    public long lastRestartMs(String jobId) {
        return flink.get("/jobs/" + jobId).at("/timestamps/RESTARTING").asLong(0);
    }

    /** When the newest completed checkpoint was acknowledged, epoch ms; -1 before the first. */
    public long latestCheckpointAckMs(String jobId) {
        JsonNode latest = flink.get("/jobs/" + jobId + "/checkpoints").at("/latest/completed");
        return latest.isMissingNode() || latest.isNull() ? -1 : latest.path("latest_ack_timestamp").asLong(-1);
    }

    /** End-to-end duration of the newest completed checkpoint in ms, -1 before the first. */
    public long latestCheckpointMs(String jobId) {
        JsonNode latest = flink.get("/jobs/" + jobId + "/checkpoints").at("/latest/completed");
        return latest.isMissingNode() || latest.isNull() ? -1 : latest.path("end_to_end_duration").asLong(-1);
    }

    /**
     * Records the job's Kafka source has not fetched yet, summed over its readers: the lag as of now (the committed
     * offsets only move on checkpoints). -1 when the metric is not reported yet.
     */
    public long sourcePendingRecords(String jobId) {
        for (JsonNode vertex : flink.get("/jobs/" + jobId).path("vertices")) {
            if (vertex.path("name").asText().startsWith("Source: " + SOURCE_NAME)) {
                JsonNode metrics = flink.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
                        + "/subtasks/metrics?get=Source__" + SOURCE_NAME + ".pendingRecords&agg=sum");
                for (JsonNode m : metrics) {
                    return Math.round(m.path("sum").asDouble(-1));
                }
            }
        }
        return -1;
    }

    /**
     * The most back-pressured operator: its name and the share of time (0..1) its busiest subtask spent
     * back-pressured over the last second.
     */
    public Map.Entry<String, Double> maxBackpressure(String jobId) {
        String worst = "";
        double ratio = 0;
        for (JsonNode vertex : flink.get("/jobs/" + jobId).path("vertices")) {
            JsonNode metrics = flink.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
                    + "/subtasks/metrics?get=backPressuredTimeMsPerSecond&agg=max");
            for (JsonNode m : metrics) {
                double r = m.path("max").asDouble(0) / 1000.0;
                if (worst.isEmpty() || r > ratio) {
                    ratio = r;
                    worst = vertex.path("name").asText();
                }
            }
        }
        return Map.entry(worst, ratio);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
