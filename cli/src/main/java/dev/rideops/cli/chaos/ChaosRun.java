package dev.rideops.cli.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.pipeline.DeployRequest;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.cli.pipeline.PipelineHealth;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.clients.flink.Checkpoint;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.scenarios.DurationText;
import dev.rideops.scenarios.FaultAction;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.stack.Stack;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One fault against the local stack: takes the service down for real (SIGKILL or SIGTERM), starts it again after
 * the fault's down time, does what an operator would (resubmits a job its JobManager lost, restarts a connector
 * task that failed), and times each stage of the recovery until the job runs, checkpoints and has caught up. The
 * pipeline is watched from the fault on ({@link RecoveryWatch}), so a job that rides the fault out is timed by what
 * it did, not by when the service came back.
 */
public final class ChaosRun {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String FLINK_JOBMANAGER = "flink-jobmanager";
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * The recovery, as seconds from the moment the fault hit. {@code checkpointSeconds}: Flink's acknowledgement of
     * the first checkpoint triggered after the fault and after the job's last failover. {@code caughtUpSeconds}: since
     * when the pipeline has been within the health.* limits (that checkpoint taken). {@code rodeThrough}: caught up
     * before the service was healthy again. {@code peakBehindSeconds}: the most the snapshot was seen behind the
     * source meanwhile, null when it could not be read.
     */
    public record Result(
            String fault,
            String service,
            FaultAction action,
            long pid,
            @JsonProperty("down_s") double downSeconds,
            @JsonProperty("service_healthy_s") double serviceHealthySeconds,
            @JsonProperty("first_checkpoint_s") double checkpointSeconds,
            @JsonProperty("caught_up_s") double caughtUpSeconds,
            @JsonProperty("rode_through") boolean rodeThrough,
            @JsonProperty("peak_behind_s") Double peakBehindSeconds,
            String job,
            String jobBefore,
            String jobAfter,
            boolean connectorTaskRestarted,
            Map<String, String> health,
            SchemaOutcome schema) {

        /** Whether the fault did what its data says it does (only schema faults state an expectation). */
        public boolean asExpected() {
            return schema == null || schema.met();
        }
    }

    /** The job that runs after the fault, what happened to it (one of the JOB_ phrases), its first checkpoint. */
    private record JobRecovery(String jobId, String what, Checkpoint checkpoint) {}

    /** What happened to the Flink job. */
    public static final String JOB_KEPT_RUNNING = "kept running";

    public static final String JOB_FAILED_OVER = "failed over (restarted by Flink from its checkpoint)";
    public static final String JOB_RESUBMITTED = "resubmitted from its newest checkpoint";
    public static final String JOB_THROUGH_PROXY = "redeployed through the fault proxy and back (two savepoints)";
    public static final String JOB_FAILED_OVER_THROUGH_PROXY =
            JOB_THROUGH_PROXY + "; failed over while the link was faulty";

    private final RideopsConfig config;
    private final Stack stack;
    private final PrintWriter err;

    public ChaosRun(RideopsConfig config, Stack stack, PrintWriter err) {
        this.config = config;
        this.stack = stack;
        this.err = err;
    }

    /** A fault checked against the stack before anything is touched: its service, that service's pid, the job. */
    public record Target(FaultScenario fault, Service service, long pid, String jobBefore) {}

    public Result run(FaultScenario fault, Duration downFor, Duration recoverTimeout) {
        return run(check(fault), downFor, recoverTimeout);
    }

    /**
     * Everything that can refuse the fault, in one line each, so a refusal leaves the stack as it was: a remote
     * stack, a service this stack does not run (a second broker on one), a service or a job that is not running.
     */
    public Target check(FaultScenario fault) {
        if (!config.get(Setting.FLINK_URL).isBlank()) {
            throw new RideopsException(
                    "chaos acts on the local stack's processes, but flink.url points to "
                            + config.get(Setting.FLINK_URL),
                    "run it without the remote settings, against 'rideops up'");
        }
        Service service = stack.service(fault.service())
                .orElseThrow(() -> new UsageException(
                        "fault '" + fault.name() + "' hits " + fault.service() + ", which this stack does not have",
                        "see 'rideops status' for the services it runs"));
        long pid = service.process()
                .orElseThrow(() -> new RideopsException(
                        fault.service() + " is not running, so " + "there is nothing to break",
                        "start the stack with 'rideops up'"))
                .pid();
        if (fault.action() == FaultAction.NETWORK) {
            NetworkChange.check(fault, stack.spec());
        }
        FlinkJob flink = Endpoints.from(config, stack.spec()).flink();
        String jobBefore = flink.runningJobId()
                .orElseThrow(() -> new RideopsException(
                        "the Flink job is not " + "running, so there is no recovery to watch",
                        "deploy it with 'rideops deploy'"));
        return new Target(fault, service, pid, jobBefore);
    }

    public Result run(Target target, Duration downFor, Duration recoverTimeout) {
        Endpoints endpoints = Endpoints.from(config, stack.spec());
        PipelineHealth health = new PipelineHealth(config, endpoints, err);
        long hit = System.nanoTime();
        long hitMs = System.currentTimeMillis();
        // watched from the hit on, so a pipeline that rides the fault out is timed while the service is still down
        try (RecoveryWatch watch = RecoveryWatch.start(endpoints.flink(), health, err, hitMs)) {
            return run(target, downFor, recoverTimeout, endpoints, health, watch, hit, hitMs);
        }
    }

    private Result run(
            Target target,
            Duration downFor,
            Duration recoverTimeout,
            Endpoints endpoints,
            PipelineHealth pipeline,
            RecoveryWatch watch,
            long hit,
            long hitMs) {
        FaultScenario fault = target.fault();
        Service service = target.service();
        long pid = target.pid();
        String jobBefore = target.jobBefore();
        FlinkJob flink = endpoints.flink();
        SchemaChange schemaChange = new SchemaChange(config, err);
        SchemaChange.Applied applied = null;
        Optional<NetworkChange.JobThroughProxy> viaProxy = Optional.empty();
        double down = 0;
        switch (fault.action()) {
            case KILL, STOP -> {
                inject(fault, service, pid);
                awaitGone(service);
                try {
                    waitOut(err, service.name(), "down", downFor, "started again");
                } finally {
                    // Ctrl-C in the down time must not leave the service down
                    down = seconds(hit);
                    start(service);
                }
            }
            case PAUSE -> {
                pause(fault, service, pid, downFor);
                down = seconds(hit);
                awaitHealthy(service);
            }
            case SCHEMA -> applied = schemaChange.apply(fault, downFor, endpoints);
            case NETWORK -> {
                viaProxy = new NetworkChange(config, stack.spec(), err).run(fault, downFor);
                down = seconds(hit);
            }
        }
        double healthy = seconds(hit);
        if (fault.action() != FaultAction.SCHEMA && fault.action() != FaultAction.NETWORK) {
            err.printf(Locale.ROOT, "  %-18s healthy again after %.1f s%n", service.name(), healthy);
        }
        err.flush();

        long deadline = hit + recoverTimeout.toNanos();
        JobRecovery recovered = recoverJob(flink, watch, service, hitMs, deadline, recoverTimeout);
        // the job that runs now was started from a savepoint after the fault; what befell the proxied one counts
        JobRecovery job = viaProxy.map(p -> new JobRecovery(
                        recovered.jobId(),
                        p.failedOver() ? JOB_FAILED_OVER_THROUGH_PROXY : JOB_THROUGH_PROXY,
                        recovered.checkpoint()))
                .orElse(recovered);
        double checkpointed = watch.secondsSinceHit(job.checkpoint().ackMs());
        err.printf(
                Locale.ROOT, "  job                %s; checkpointing again after %.1f s%n", job.what(), checkpointed);
        err.flush();
        boolean taskRestarted = restartConnectorTaskIfFailed(endpoints);
        OptionalLong caughtUpMs = watch.awaitCaughtUp(job.jobId(), left(deadline));
        // the figures for the report; when the watch saw no catch-up in time this waits its last 10 s or says why not
        Map<String, String> health = pipeline.checkHealth(job.jobId(), leftAtLeast(deadline, Duration.ofSeconds(10)));
        double caughtUp = caughtUpMs.isPresent() ? watch.secondsSinceHit(caughtUpMs.getAsLong()) : seconds(hit);
        // a failover after that first checkpoint restarted the count: the report takes the checkpoint after it
        checkpointed = watch.firstCheckpoint(job.jobId())
                .map(c -> watch.secondsSinceHit(c.ackMs()))
                .orElse(checkpointed);
        boolean rodeThrough = caughtUp < healthy;
        SchemaOutcome schema = applied == null
                ? null
                : schemaChange.judge(
                        applied, flink, jobBefore, hitMs, endpoints, leftAtLeast(deadline, Duration.ofSeconds(30)));
        err.printf(
                Locale.ROOT,
                "  pipeline           caught up after %.1f s%s%n",
                caughtUp,
                rodeThrough ? ", before " + describeBack(fault, service) : "");
        err.flush();
        return new Result(
                fault.name(),
                service.name(),
                fault.action(),
                pid,
                down,
                healthy,
                checkpointed,
                caughtUp,
                rodeThrough,
                watch.peakBehindSeconds().orElse(null),
                job.what(),
                jobBefore,
                job.jobId(),
                taskRestarted,
                health,
                schema);
    }

    /** What "healthy" marks for this fault: the service answering again, or the fault's end. */
    private static String describeBack(FaultScenario fault, Service service) {
        return switch (fault.action()) {
            case KILL, STOP, PAUSE -> service.name() + " was healthy again";
            case SCHEMA, NETWORK -> "the fault was over";
        };
    }

    private void inject(FaultScenario fault, Service service, long pid) {
        if (fault.action() == FaultAction.KILL) {
            service.kill();
            err.printf(Locale.ROOT, "rideops: %s: SIGKILL %s (pid %d)%n", fault.name(), service.name(), pid);
        } else {
            boolean forced = service.stop(STOP_GRACE);
            err.printf(
                    Locale.ROOT,
                    "rideops: %s: stopped %s (pid %d)%s%n",
                    fault.name(),
                    service.name(),
                    pid,
                    forced ? ", forced after " + STOP_GRACE.toSeconds() + "s" : "");
        }
        err.flush();
    }

    /**
     * Waits until the job runs and has completed a checkpoint since the fault (and since its last failover),
     * resubmitting it when a restarted JobManager lost it: that needs the new JobManager, so it waits for the
     * service, while the watch may have seen a job that rode the fault out checkpoint long before.
     */
    private JobRecovery recoverJob(
            FlinkJob flink, RecoveryWatch watch, Service service, long hitMs, long deadline, Duration recoverTimeout) {
        boolean jobManagerRestarted = service.name().equals(FLINK_JOBMANAGER);
        // a restarted JobManager answers at once; with no HA store it knows no job, so there is nothing to wait for
        Optional<String> job = awaitJob(flink, jobManagerRestarted ? Duration.ofSeconds(5) : left(deadline));
        boolean resubmitted = job.isEmpty() && jobManagerRestarted;
        if (resubmitted) {
            err.println(
                    "  job                no job on the new JobManager; resubmitting it from its newest checkpoint");
            new PipelineDeployment(config, stack.spec(), err)
                    .run(DeployRequest.resume(
                            EnumSet.of(PipelineDeployment.Step.JOB), PipelineDeployment.builtJobJar()));
            job = awaitJob(flink, left(deadline));
        }
        String jobId = job.orElseThrow(() -> new RideopsException(
                "the Flink job did not run again within " + recoverTimeout.toSeconds() + "s of the fault",
                "see 'rideops logs flink-jobmanager'"));
        Checkpoint checkpoint = watch.awaitCheckpoint(jobId, left(deadline))
                .orElseThrow(() -> new RideopsException(
                        "the Flink job runs but completed no checkpoint within " + recoverTimeout.toSeconds()
                                + "s of the fault",
                        "see 'rideops logs flink-jobmanager'"));
        String what = resubmitted
                ? JOB_RESUBMITTED
                : flink.lastRestartMs(jobId) >= hitMs ? JOB_FAILED_OVER : JOB_KEPT_RUNNING;
        return new JobRecovery(jobId, what, checkpoint);
    }

    /** SIGSTOP, the down time, SIGCONT: resumed even when the wait is interrupted, so nothing stays frozen. */
    private void pause(FaultScenario fault, Service service, long pid, Duration downFor) {
        service.pause();
        err.printf(Locale.ROOT, "rideops: %s: SIGSTOP %s (pid %d)%n", fault.name(), service.name(), pid);
        err.flush();
        try {
            waitOut(err, service.name(), "paused", downFor, "resumed");
        } finally {
            service.resume();
            err.printf(Locale.ROOT, "  %-18s SIGCONT%n", service.name());
            err.flush();
        }
    }

    private static void awaitHealthy(Service service) {
        try {
            service.awaitHealthy(service.startTimeout());
        } catch (ServiceFailedException e) {
            throw new RideopsException(
                    service.name() + " did not answer again after it was resumed: " + e.getMessage(),
                    "see 'rideops logs " + service.name() + "'; 'rideops down && rideops up' restarts the stack",
                    e);
        }
    }

    private static void awaitGone(Service service) {
        Poll.every(Duration.ofMillis(100), STOP_GRACE)
                .until(() -> service.process().isEmpty());
    }

    private static Duration left(long deadlineNanos) {
        return leftAtLeast(deadlineNanos, Duration.ZERO);
    }

    /** What is left until the deadline, but never less than {@code floor}: a last look gets its time. */
    private static Duration leftAtLeast(long deadlineNanos, Duration floor) {
        return Duration.ofNanos(Math.max(floor.toNanos(), deadlineNanos - System.nanoTime()));
    }

    /**
     * Waits out a fault's time after one line saying how long it lasts and what comes then, and a line with the time
     * left every {@code remindEvery} (the countdown it replaces printed every 5 s, and in its last millisecond, a sleep
     * of 0 ms, repeated "in 1 s" in a busy loop).
     */
    static void waitOut(PrintWriter err, String subject, String state, Duration time, String then) {
        waitOut(err, subject, state, time, then, Duration.ofSeconds(30));
    }

    static void waitOut(
            PrintWriter err, String subject, String state, Duration time, String then, Duration remindEvery) {
        err.printf(Locale.ROOT, "  %-18s %s for %s, then %s%n", subject, state, DurationText.format(time), then);
        err.flush();
        long end = System.nanoTime() + time.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > remindEvery.toNanos()) {
            Poll.sleep(remindEvery);
            long seconds = (end - System.nanoTime() + 999_999_999L) / 1_000_000_000L;
            err.printf(Locale.ROOT, "  %-18s %s, %d s left%n", subject, state, seconds);
            err.flush();
        }
        // rounded up: Poll.sleep sleeps whole milliseconds, and the fault must last at least its time
        Poll.sleep(Duration.ofMillis(Math.max(0, (left + 999_999) / 1_000_000)));
    }

    private void start(Service service) {
        try {
            service.start();
            service.awaitHealthy(service.startTimeout());
        } catch (IOException | ServiceFailedException e) {
            throw new RideopsException(
                    service.name() + " did not come back after the fault: " + e.getMessage(),
                    "see 'rideops logs " + service.name() + "', then 'rideops up' starts what is missing",
                    e);
        }
    }

    /** The running job, waiting up to {@code timeout} for one; empty if none runs by then. */
    private static Optional<String> awaitJob(FlinkJob flink, Duration timeout) {
        return Poll.every(POLL, timeout).until(() -> {
            try {
                return flink.runningJobId();
            } catch (ClientException jobManagerNotUpYet) {
                return Optional.empty();
            }
        });
    }

    private boolean restartConnectorTaskIfFailed(Endpoints endpoints) {
        CdcConnector connector = endpoints.connector(config);
        try {
            boolean restarted = connector.restartFailedTask();
            if (restarted) {
                err.println("  connector          its task had failed; restarted it");
            }
            connector.awaitRunning(Duration.ofSeconds(60));
            return restarted;
        } catch (ClientException e) {
            throw new RideopsException("the CDC connector did not recover: " + e.getMessage(), e.fix(), e);
        }
    }

    public static List<String[]> rows(Result r) {
        return List.of(
                new String[] {"fault", r.fault() + " (" + r.action() + " " + r.service() + ", pid " + r.pid() + ")"},
                new String[] {
                    "service healthy",
                    String.format(
                            Locale.ROOT,
                            "%.1f s after the fault (down %.1f s)",
                            r.serviceHealthySeconds(),
                            r.downSeconds())
                },
                new String[] {"job", r.job()},
                new String[] {
                    "first checkpoint", String.format(Locale.ROOT, "%.1f s after the fault", r.checkpointSeconds())
                },
                new String[] {
                    "caught up",
                    String.format(
                            Locale.ROOT,
                            "%.1f s after the fault%s (consumer lag %s, " + "snapshot %s)",
                            r.caughtUpSeconds(),
                            r.rodeThrough() ? ", before the service was healthy again" : "",
                            r.health().get("consumer lag (records)"),
                            r.health().get("snapshot freshness"))
                },
                new String[] {"connector task", r.connectorTaskRestarted() ? "had failed; restarted" : "kept running"},
                new String[] {
                    "schema change", r.schema() == null ? "-" : r.schema().describe()
                },
                new String[] {
                    "snapshot at most",
                    r.peakBehindSeconds() == null
                            ? "unknown"
                            : String.format(
                                    Locale.ROOT,
                                    "%.1f s behind the source (read every 2 s from the fault on)",
                                    r.peakBehindSeconds())
                });
    }

    private static double seconds(long sinceNanos) {
        return Math.round((System.nanoTime() - sinceNanos) / 1e8) / 10.0;
    }
}
