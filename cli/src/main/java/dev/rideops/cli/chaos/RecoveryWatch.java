package dev.rideops.cli.chaos;

import dev.rideops.cli.output.ChangedLines;
import dev.rideops.cli.pipeline.PipelineHealth;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.DaemonThreads;
import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.Checkpoint;
import dev.rideops.clients.flink.FlinkJob;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Looks at the pipeline every two seconds on its own thread, from the moment the fault hits until the recovery is
 * timed, while the fault runs its course: so a job that rides the fault out (one broker of three lost, a service
 * paused) is seen checkpointing and caught up while the service is still down, not only once it is back. The
 * checkpoint's time is Flink's own; the caught-up time is the look that began the pipeline's last unbroken run of
 * caught-up looks. Reads that fail leave a look out (Flink) or read as not caught up (lag, freshness); so does a
 * lag and freshness read that has not answered within {@link #CATCH_UP_WAIT}: it goes on in the background, and no
 * other is started until it ended, so a read stuck on a paused broker cannot keep the watch from seeing the job
 * checkpoint (once, on the one broker paused for 20 s, no look was taken in the 180 s the fault is given).
 */
final class RecoveryWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(2);
    private static final Duration WAIT_POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /**
     * Far above a read's usual few seconds (Kafka's admin gives up after 10 s), so a slow read on a busy machine still
     * counts; only a stuck one is cut short.
     */
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(30);

    private final FlinkJob flink;
    private final PipelineHealth health;
    private final PrintWriter err;
    private final long hitMs;
    private final RecoveryTimeline timeline;
    private final ExecutorService thread = DaemonThreads.cachedPool("rideops-recovery-watch");
    private PipelineHealth.CatchUp lastCatchUp;
    /** Lag and freshness, unknown when the read fails (the final health check names a refused login) or hangs. */
    private final BoundedRead<PipelineHealth.CatchUp> catchUpReads =
            new BoundedRead<>(thread, CATCH_UP_WAIT, new PipelineHealth.CatchUp(-1, null));
    /** Set by close(): a read that swallowed the interrupt (Kafka's client does) must not keep the loop going. */
    private volatile boolean closed;

    private RecoveryWatch(FlinkJob flink, PipelineHealth health, PrintWriter err, long hitMs) {
        this.flink = flink;
        this.health = health;
        this.err = err;
        this.hitMs = hitMs;
        this.timeline = new RecoveryTimeline(hitMs);
    }

    /** Starts watching; {@code hitMs} is the fault's moment, epoch ms. Close it to stop. */
    static RecoveryWatch start(FlinkJob flink, PipelineHealth health, PrintWriter err, long hitMs) {
        RecoveryWatch watch = new RecoveryWatch(flink, health, err, hitMs);
        watch.thread.execute(watch::run);
        return watch;
    }

    private void run() {
        try {
            while (!closed && !Thread.currentThread().isInterrupted()) {
                look();
                Poll.sleep(EVERY);
            }
        } catch (ClientException closed) {
            // Poll.sleep ends the loop when close() interrupts it
        }
    }

    private void look() {
        String jobId;
        long restartMs;
        List<Checkpoint> checkpoints;
        try {
            jobId = flink.runningJobId().orElse(null);
            restartMs = jobId == null ? 0 : flink.lastRestartMs(jobId);
            checkpoints = jobId == null ? List.of() : flink.recentCheckpoints(jobId);
        } catch (RuntimeException flinkNotAnswering) {
            return; // a JobManager that is down says nothing about the job
        }
        PipelineHealth.CatchUp catchUp = catchUpReads.read(health::catchUp);
        // stamped when the last figure is in: a slow read (Kafka waits out a dead broker) must not date it earlier
        long at = System.currentTimeMillis();
        boolean found;
        synchronized (this) {
            lastCatchUp = catchUp;
            found = timeline.observe(new RecoveryTimeline.Look(
                    at, jobId, restartMs, checkpoints, health.caughtUp(catchUp), catchUp.fresh()));
        }
        if (found) {
            Checkpoint first = firstCheckpoint(jobId).orElseThrow();
            err.printf(
                    Locale.ROOT,
                    "  job                checkpoint %d completed %.1f s after the fault%n",
                    first.id(),
                    secondsSinceHit(first.ackMs()));
            err.flush();
        }
    }

    /** The job's first checkpoint since the fault and its last failover, as seen so far. */
    Optional<Checkpoint> firstCheckpoint(String jobId) {
        return timeline(t -> t.firstCheckpoint(jobId));
    }

    /** The job's first checkpoint since the fault and its last failover, waiting up to {@code timeout} for it. */
    Optional<Checkpoint> awaitCheckpoint(String jobId, Duration timeout) {
        return Poll.every(WAIT_POLL, timeout).until(() -> firstCheckpoint(jobId));
    }

    /**
     * When the job was caught up again (epoch ms), waiting up to {@code timeout} for it, with a progress line now and
     * then when the figures moved; empty when it was not within the time.
     */
    OptionalLong awaitCaughtUp(String jobId, Duration timeout) {
        long[] nextProgress = {System.nanoTime() + PROGRESS_EVERY.toNanos()};
        ChangedLines progress = new ChangedLines(err);
        return Poll.every(WAIT_POLL, timeout)
                .until(() -> {
                    OptionalLong since = timeline(t -> t.caughtUpSinceMs(jobId));
                    if (since.isEmpty() && System.nanoTime() > nextProgress[0]) {
                        nextProgress[0] += PROGRESS_EVERY.toNanos();
                        PipelineHealth.CatchUp last = lastCatchUp();
                        progress.print("  waiting for the job to catch up: "
                                + (last == null ? "not read yet" : last.describe()));
                    }
                    return since.isPresent() ? Optional.of(since.getAsLong()) : Optional.<Long>empty();
                })
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** The most the snapshot was seen behind the source so far, in seconds; empty when never read. */
    Optional<Double> peakBehindSeconds() {
        return timeline(RecoveryTimeline::peakBehindSeconds);
    }

    double secondsSinceHit(long epochMs) {
        return Math.round((epochMs - hitMs) / 100.0) / 10.0;
    }

    private synchronized <T> T timeline(Function<RecoveryTimeline, T> read) {
        return read.apply(timeline);
    }

    private synchronized PipelineHealth.CatchUp lastCatchUp() {
        return lastCatchUp;
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            // a look under way finishes within its reads' own timeouts; the next fault must not share the machine
            thread.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
