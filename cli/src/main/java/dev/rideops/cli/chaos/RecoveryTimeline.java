package dev.rideops.cli.chaos;

import dev.rideops.cli.verify.Freshness;
import dev.rideops.clients.flink.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The recovery as {@link RecoveryWatch} saw it, look by look from the fault on: the job that runs, its first
 * checkpoint since the fault and since its last failover, and since when the pipeline has been caught up. What a
 * job did before a failover, or what a replaced job did, stops counting. Caught up also asks that a change made
 * after the fault has reached the snapshot (when the source has one): within the health.* limits alone, a pipeline
 * stalled for less than the freshness limit (30 s) would read as caught up all along. Pure: no reads, so its rules
 * are tested.
 */
final class RecoveryTimeline {

    /**
     * One look at the pipeline.
     *
     * @param jobId the running job, null when Flink answered but runs none
     * @param restartMs when that job last failed over (epoch ms, 0 never), as Flink records it
     * @param checkpoints its completed checkpoints Flink still lists
     * @param withinLimits consumer lag and snapshot freshness read within the health.* limits (false: over, or
     *     unknown)
     * @param fresh both sides' newest change, null when it could not be read
     */
    record Look(
            long atMs,
            String jobId,
            long restartMs,
            List<Checkpoint> checkpoints,
            boolean withinLimits,
            Freshness.Reading fresh) {

        Double behindSeconds() {
            return fresh == null ? null : fresh.secondsBehind();
        }
    }

    private final long hitMs;
    private String jobId;
    private long restartMs;
    private Checkpoint first;
    private Long caughtUpSinceMs;
    private Double peakBehindSeconds;
    /** The source's newest change at the first look that read it: what came after it came after the fault. */
    private Instant sourceAtHit;

    RecoveryTimeline(long hitMs) {
        this.hitMs = hitMs;
    }

    /** Takes in the next look; true when it is the one that found the job's first checkpoint since the fault. */
    boolean observe(Look look) {
        Double behind = look.behindSeconds();
        if (behind != null && (peakBehindSeconds == null || behind > peakBehindSeconds)) {
            peakBehindSeconds = behind;
        }
        if (sourceAtHit == null && look.fresh() != null) {
            sourceAtHit = look.fresh().newestSource();
        }
        if (!Objects.equals(look.jobId(), jobId) || look.restartMs() != restartMs) {
            // another job, or a failover: what the job did before does not show that it runs now
            jobId = look.jobId();
            restartMs = look.restartMs();
            first = null;
            caughtUpSinceMs = null;
        }
        if (jobId == null) {
            return false;
        }
        boolean found = false;
        if (first == null) {
            first = Checkpoint.firstTriggeredSince(look.checkpoints(), Math.max(hitMs, restartMs))
                    .orElse(null);
            found = first != null;
        }
        if (first == null || !look.withinLimits() || !carriedPastTheHit(look.fresh())) {
            // caught up counts from the look that starts an unbroken run of caught-up looks, the last run so far
            caughtUpSinceMs = null;
        } else if (caughtUpSinceMs == null) {
            caughtUpSinceMs = Math.max(look.atMs(), first.ackMs());
        }
        return found;
    }

    /** Whether the snapshot reflects a change newer than the fault, or the source made none since. */
    private boolean carriedPastTheHit(Freshness.Reading fresh) {
        if (fresh == null || sourceAtHit == null) {
            return false;
        }
        boolean sourceMoved =
                fresh.newestSource() != null && fresh.newestSource().isAfter(sourceAtHit);
        return !sourceMoved
                || (fresh.newestSnapshot() != null && fresh.newestSnapshot().isAfter(sourceAtHit));
    }

    /** The first checkpoint of {@code job} since the fault and its last failover, if it is the job seen last. */
    Optional<Checkpoint> firstCheckpoint(String job) {
        return job.equals(jobId) ? Optional.ofNullable(first) : Optional.empty();
    }

    /**
     * When {@code job}, the job seen last, was caught up again after its first checkpoint (epoch ms), if its looks
     * have been caught up ever since.
     */
    OptionalLong caughtUpSinceMs(String job) {
        return job.equals(jobId) && caughtUpSinceMs != null ? OptionalLong.of(caughtUpSinceMs) : OptionalLong.empty();
    }

    /** The most the snapshot was seen behind the source, in seconds, over every look; empty when never read. */
    Optional<Double> peakBehindSeconds() {
        return Optional.ofNullable(peakBehindSeconds);
    }
}
