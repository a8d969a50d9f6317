package dev.rideops.clients.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.FlinkRest.Completed;
import dev.rideops.clients.flink.FlinkRest.JobDetails;
import dev.rideops.clients.flink.FlinkRest.MetricAggregate;
import dev.rideops.clients.flink.FlinkRest.SavepointStatus;
import dev.rideops.clients.flink.FlinkRest.Vertex;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.Json;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.contract.JobContract;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rideops job on a Flink session cluster, over its REST API: find it, stop it with a savepoint, upload and run
 * a jar (from a savepoint when redeploying), wait until it runs, and read its health figures.
 */
public final class FlinkJob {

    private static final Set<String> ALIVE = Set.of("INITIALIZING", "CREATED", "RUNNING", "RESTARTING");
    private static final Duration POLL = Duration.ofMillis(500);
    /** The global job parameter naming the uploaded jar a job was started from. */
    public static final String JAR_ID_PARAMETER = "rideops.jar-id";

    private final RestCalls flink;

    /** A cluster whose REST API is plain http, or https with a certificate the JDK trusts and no client one. */
    public FlinkJob(String flinkUrl) {
        this(flinkUrl, null);
    }

    /** A cluster whose REST API asks for TLS with these stores (the local one: mutual TLS); null as above. */
    public FlinkJob(String flinkUrl, ClientTls tls) {
        this.flink = new RestCalls(flinkUrl, "Flink REST", tls);
    }

    public Optional<String> runningJobId() {
        return flink.get("/jobs/overview", FlinkRest.JobsOverview.class).jobs().stream()
                .filter(job -> JobContract.JOB_NAME.equals(job.name()) && ALIVE.contains(job.state()))
                .map(FlinkRest.JobSummary::jid)
                .findFirst();
    }

    /** Every job on the cluster that is not finished yet, whatever its name: their checkpoints are in use. */
    public Set<String> aliveJobIds() {
        Set<String> alive = new java.util.HashSet<>();
        for (FlinkRest.JobSummary job :
                flink.get("/jobs/overview", FlinkRest.JobsOverview.class).jobs()) {
            if (ALIVE.contains(job.state()) || "CANCELLING".equals(job.state()) || "FAILING".equals(job.state())) {
                alive.add(job.jid());
            }
        }
        return alive;
    }

    /** Stops the job after a savepoint and returns the savepoint's location. */
    public String stopWithSavepoint(String jobId, Duration timeout) {
        return stop(jobId, false, timeout);
    }

    /**
     * Stops the job after a savepoint ({@code flink stop}); with {@code drain} the sources send the end-of-time
     * watermark first, so every open window fires (for a job that is not coming back). Returns the savepoint.
     */
    public String stop(String jobId, boolean drain, Duration timeout) {
        String trigger = Json.convert(
                        flink.post("/jobs/" + jobId + "/stop", Map.of("drain", drain)), FlinkRest.Trigger.class)
                .requestId();
        return awaitSavepoint(jobId, trigger, timeout, "stopping the job with a savepoint");
    }

    /** Takes a savepoint while the job keeps running; into {@code directory}, else the cluster's default. */
    public String savepoint(String jobId, String directory, Duration timeout) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cancel-job", false);
        if (directory != null) {
            body.put("target-directory", directory);
        }
        String trigger = Json.convert(flink.post("/jobs/" + jobId + "/savepoints", body), FlinkRest.Trigger.class)
                .requestId();
        return awaitSavepoint(jobId, trigger, timeout, "the savepoint");
    }

    private String awaitSavepoint(String jobId, String trigger, Duration timeout, String what) {
        SavepointStatus done = Poll.every(POLL, timeout)
                .until(() -> Optional.of(flink.get("/jobs/" + jobId + "/savepoints/" + trigger, SavepointStatus.class))
                        .filter(SavepointStatus::completed))
                .orElseThrow(() -> new ClientException(
                        "the savepoint did not complete in " + timeout.toSeconds() + "s",
                        "see 'rideops logs flink-jobmanager'"));
        if (done.operation().failureCause() != null) {
            throw new ClientException(
                    what + " failed: " + done.operation().failureCause().className(),
                    "see 'rideops logs flink-jobmanager'");
        }
        return done.operation().location();
    }

    /** Uploads the jar; returns its id on the cluster. */
    public String upload(Path jar) throws IOException {
        String uploaded = Json.convert(flink.upload("/jars/upload", jar), FlinkRest.Uploaded.class)
                .filename();
        return uploaded.substring(uploaded.lastIndexOf('/') + 1);
    }

    /** The jars uploaded to the cluster. */
    public List<UploadedJar> jars() {
        return flink.get("/jars", FlinkRest.Jars.class).files().stream()
                .map(j -> new UploadedJar(j.id(), j.name(), j.uploaded()))
                .toList();
    }

    public void deleteJar(String jarId) {
        flink.delete("/jars/" + jarId);
    }

    /**
     * The uploaded jar a job runs from, as {@link #run} tagged it, if that jar is still on the cluster: the jar a
     * failed redeploy rolls back to and a rescale runs again. Empty for a job started some other way.
     */
    public Optional<String> jarOf(String jobId) {
        String tagged = flink.get("/jobs/" + jobId + "/config", FlinkRest.JobConfig.class)
                .userConfig()
                .get(JAR_ID_PARAMETER);
        if (tagged == null) {
            return Optional.empty();
        }
        return jars().stream().map(UploadedJar::id).filter(tagged::equals).findFirst();
    }

    /** The rideops jobs the cluster knows, newest first, in any state. */
    public List<JobInfo> jobs() {
        return flink.get("/jobs/overview", FlinkRest.JobsOverview.class).jobs().stream()
                .filter(job -> JobContract.JOB_NAME.equals(job.name()))
                .sorted(Comparator.comparingLong(FlinkRest.JobSummary::startTime)
                        .reversed())
                .map(job -> new JobInfo(
                        job.jid(),
                        job.name(),
                        job.state(),
                        job.startTime(),
                        job.duration(),
                        0,
                        null,
                        -1,
                        -1,
                        -1,
                        -1,
                        null))
                .toList();
    }

    /** One job in detail: parallelism, jar, checkpoints and what it restored from. */
    public JobInfo info(String jobId) {
        JobDetails job = details(jobId);
        FlinkRest.CheckpointStats checkpoints = checkpoints(jobId);
        Completed newest = checkpoints.newest();
        String restored = checkpoints.latest() == null || checkpoints.latest().restored() == null
                ? null
                : checkpoints.latest().restored().externalPath();
        return new JobInfo(
                jobId,
                job.name(),
                job.state(),
                job.startTime(),
                job.duration(),
                job.parallelism(),
                jarOf(jobId).orElse(null),
                checkpoints.counts() == null ? 0 : checkpoints.counts().completed(),
                checkpoints.counts() == null ? 0 : checkpoints.counts().failed(),
                newest == null ? -1 : newest.latestAckTimestamp(),
                newest == null ? -1 : newest.stateSize(),
                restored);
    }

    /**
     * Runs an uploaded jar, from a savepoint if one is given, at {@code parallelism} (null: the cluster's default);
     * returns the new job id. The job is tagged with the jar's id ({@link #jarOf}) among its global job parameters.
     */
    public String run(String jarId, List<String> programArgs, String savepointPath, Integer parallelism) {
        return run(jarId, JobContract.ENTRY_CLASS, programArgs, savepointPath, parallelism);
    }

    /** Runs another entry class of the uploaded jar (the cohort batch), tagged with the jar like {@link #run}. */
    public String run(
            String jarId, String entryClass, List<String> programArgs, String savepointPath, Integer parallelism) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("entryClass", entryClass);
        run.put("programArgsList", programArgs);
        if (parallelism != null) {
            run.put("parallelism", parallelism);
        }
        if (savepointPath != null) {
            run.put("savepointPath", savepointPath);
            run.put("allowNonRestoredState", false);
        }
        run.put("flinkConfiguration", Map.of("pipeline.global-job-parameters", JAR_ID_PARAMETER + ":" + jarId));
        return Json.convert(flink.post("/jars/" + jarId + "/run", run), FlinkRest.Started.class)
                .jobid();
    }

    /** Cancels a job that should not keep running (one that failed to start, say); gone or done is fine. */
    public void cancel(String jobId) {
        flink.patch("/jobs/" + jobId + "?mode=cancel");
    }

    /** Cancels the job without a savepoint and waits until it is CANCELED (its retained checkpoint stays). */
    public void cancelAndWait(String jobId, Duration timeout) {
        cancel(jobId);
        boolean gone = Poll.every(POLL, timeout).until(() -> {
            String state = details(jobId).state();
            return !ALIVE.contains(state) && !"CANCELLING".equals(state);
        });
        if (!gone) {
            throw new ClientException(
                    "the Flink job " + jobId + " is still not cancelled after " + timeout.toSeconds() + "s",
                    "see 'rideops logs flink-jobmanager'");
        }
    }

    /** Waits until every task of the job runs; a failed job is reported with its root exception. */
    public void awaitRunning(String jobId, Duration timeout) {
        AtomicReference<String> last = new AtomicReference<>("");
        boolean running = Poll.every(POLL, timeout).until(() -> {
            JobDetails job = details(jobId);
            if (job.state().equals("FAILED") || job.state().equals("CANCELED")) {
                String cause = flink.get("/jobs/" + jobId + "/exceptions", FlinkRest.Exceptions.class)
                        .rootException();
                throw new ClientException(
                        "the Flink job " + job.state() + ": "
                                + (cause == null
                                        ? "?"
                                        : cause.lines().findFirst().orElse("?")),
                        "see 'rideops logs flink-taskmanager-1' and 'rideops logs flink-jobmanager'");
            }
            last.set(job.state());
            return job.allRunning();
        });
        if (!running) {
            throw new ClientException(
                    "the Flink job is not running after " + timeout.toSeconds() + "s (" + last.get() + ")",
                    "check that the cluster has free task slots ('rideops status')");
        }
    }

    /** The first line of a failed job's root exception, if Flink has one. */
    public Optional<String> failureCause(String jobId) {
        String cause = flink.get("/jobs/" + jobId + "/exceptions", FlinkRest.Exceptions.class)
                .rootException();
        return cause == null ? Optional.empty() : cause.lines().findFirst();
    }

    /** The job's state as Flink reports it (RUNNING, RESTARTING, ...), for status. */
    public String state(String jobId) {
        return details(jobId).state();
    }

    /** Checkpoints completed so far, for health checks. */
    public long completedCheckpoints(String jobId) {
        return checkpoints(jobId).counts().completed();
    }

    /** Checkpoints under way now. */
    public long checkpointsInProgress(String jobId) {
        return checkpoints(jobId).counts().inProgress();
    }

    /**
     * Asks for a checkpoint now, beside the periodic ones ({@code POST /jobs/:id/checkpoints}, Flink 1.17 and
     * later); it queues behind one under way. Returns the request's id.
     */
    public String triggerCheckpoint(String jobId) {
        return Json.convert(flink.post("/jobs/" + jobId + "/checkpoints", Map.of()), FlinkRest.Trigger.class)
                .requestId();
    }

    /** When the job last went into RESTARTING (a failover), epoch ms; 0 if it never did. */
    public long lastRestartMs(String jobId) {
        Map<String, Long> timestamps = details(jobId).timestamps();
        return timestamps == null ? 0 : timestamps.getOrDefault("RESTARTING", 0L);
    }

    /**
     * The job's completed checkpoints that Flink still lists (its newest few, web.checkpoints.history; savepoints
     * left out), oldest first.
     */
    public List<Checkpoint> recentCheckpoints(String jobId) {
        return completed(checkpoints(jobId));
    }

    static List<Checkpoint> completed(FlinkRest.CheckpointStats stats) {
        Map<Long, Checkpoint> completed = new TreeMap<>();
        if (stats.history() != null) {
            stats.history().stream()
                    .filter(h -> "COMPLETED".equals(h.status()) && !h.savepoint())
                    .forEach(h -> completed.put(
                            h.id(), new Checkpoint(h.id(), h.triggerTimestamp(), h.latestAckTimestamp())));
        }
        // the newest also stands apart from the history, which a burst of savepoints can push it out of
        Completed newest = stats.newest();
        if (newest != null && !newest.savepoint()) {
            completed.putIfAbsent(
                    newest.id(), new Checkpoint(newest.id(), newest.triggerTimestamp(), newest.latestAckTimestamp()));
        }
        return List.copyOf(completed.values());
    }

    /** When the newest completed checkpoint was acknowledged, epoch ms; -1 before the first. */
    public long latestCheckpointAckMs(String jobId) {
        Completed newest = checkpoints(jobId).newest();
        return newest == null ? -1 : newest.latestAckTimestamp();
    }

    /** End-to-end duration of the newest completed checkpoint in ms, -1 before the first. */
    public long latestCheckpointMs(String jobId) {
        Completed newest = checkpoints(jobId).newest();
        return newest == null ? -1 : newest.endToEndDuration();
    }

    /** The state the newest completed checkpoint holds, in bytes; -1 before the first. */
    public long latestCheckpointStateBytes(String jobId) {
        Completed newest = checkpoints(jobId).newest();
        return newest == null ? -1 : newest.stateSize();
    }

    /** Heap in use, summed over the cluster's TaskManagers, in bytes; -1 when none reports it. */
    public long taskManagerHeapUsedBytes() {
        long sum = -1;
        for (FlinkRest.TaskManager tm :
                flink.get("/taskmanagers", FlinkRest.TaskManagers.class).taskmanagers()) {
            JsonNode metrics = flink.get("/taskmanagers/" + tm.id() + "/metrics?get=Status.JVM.Memory.Heap.Used");
            for (FlinkRest.MetricValue m : Json.convert(metrics, FlinkRest.MetricValue[].class)) {
                sum = Math.max(sum, 0) + (long) Double.parseDouble(m.value());
            }
        }
        return sum;
    }

    /**
     * Records the job's Kafka source has not fetched yet, summed over its readers: the lag as of now (the committed
     * offsets only move on checkpoints). -1 when the metric is not reported yet.
     */
    public long sourcePendingRecords(String jobId) {
        String source = JobContract.SOURCE_NAME;
        for (Vertex vertex : details(jobId).vertexList()) {
            if (vertex.name().startsWith("Source: " + source)) {
                for (MetricAggregate m :
                        subtaskMetrics(jobId, vertex, "Source__" + source + ".pendingRecords", "sum")) {
                    return m.sum() == null ? -1 : Math.round(m.sum());
                }
            }
        }
        return -1;
    }

    /**
     * A metric the job's own operators register (a counter or gauge named {@code metric}), summed over every
     * operator and subtask that reports it; -1 when none does (an older job, or one still starting).
     */
    public long operatorMetricSum(String jobId, String metric) {
        long total = -1;
        for (Vertex vertex : details(jobId).vertexList()) {
            JsonNode available = flink.get("/jobs/" + jobId + "/vertices/" + vertex.id() + "/subtasks/metrics");
            for (JsonNode id : available) {
                String name = id.path("id").asText();
                if (name.endsWith("." + metric)) {
                    for (MetricAggregate m : subtaskMetrics(jobId, vertex, name, "sum")) {
                        total = Math.max(total, 0) + (m.sum() == null ? 0 : Math.round(m.sum()));
                    }
                }
            }
        }
        return total;
    }

    /**
     * The most back-pressured operator: its name and the share of time (0..1) its busiest subtask spent
     * back-pressured over the last second.
     */
    public Map.Entry<String, Double> maxBackpressure(String jobId) {
        String worst = "";
        double ratio = 0;
        for (Vertex vertex : details(jobId).vertexList()) {
            for (MetricAggregate m : subtaskMetrics(jobId, vertex, "backPressuredTimeMsPerSecond", "max")) {
                double r = (m.max() == null ? 0 : m.max()) / 1000.0;
                if (worst.isEmpty() || r > ratio) {
                    ratio = r;
                    worst = vertex.name();
                }
            }
        }
        return Map.entry(worst, ratio);
    }

    private JobDetails details(String jobId) {
        return flink.get("/jobs/" + jobId, JobDetails.class);
    }

    private FlinkRest.CheckpointStats checkpoints(String jobId) {
        return flink.get("/jobs/" + jobId + "/checkpoints", FlinkRest.CheckpointStats.class);
    }

    private List<MetricAggregate> subtaskMetrics(String jobId, Vertex vertex, String metric, String agg) {
        JsonNode metrics = flink.get(
                "/jobs/" + jobId + "/vertices/" + vertex.id() + "/subtasks/metrics?get=" + metric + "&agg=" + agg);
        return List.of(Json.convert(metrics, MetricAggregate[].class));
    }
}
