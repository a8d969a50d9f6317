package dev.rideops.cli.verify;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.flink.FlinkJob;
import java.time.Duration;

/**
 * Checkpoints a drain asks for instead of waiting for the periodic ones (10 s apart by default): the job commits its
 * Kafka offsets and its sinks flush on checkpoints, and a drain waits for three. One is asked for only when the
 * source has fetched every record (while it catches up, more checkpoints would only slow it), none is under way, the
 * one asked for before has completed, and the job has been without a new checkpoint for at least {@link #GAP}: the
 * next one then still comes after what the operators emit on their timers (every 200 ms by default) following the
 * one before. Flink's REST answers may be a few seconds old; that only makes the gaps longer. A Flink without the
 * trigger endpoint (before 1.17) or a failing call leaves the periodic ones.
 */
final class CheckpointNudge {

    static final Duration GAP = Duration.ofSeconds(2);
    /** After a failed request, the periodic checkpoints for a while. */
    private static final Duration BACK_OFF = Duration.ofSeconds(10);

    private final FlinkJob flink;
    private final String jobId;
    private long lastAskedMs = Long.MIN_VALUE / 2;
    private long completedWhenAsked = -1;
    private long completedSeen = -1;
    private long completedSeenAtMs = Long.MIN_VALUE / 2;

    CheckpointNudge(FlinkJob flink, String jobId) {
        this.flink = flink;
        this.jobId = jobId;
    }

    /** Asks for a checkpoint when {@link #due} says one helps now. */
    void askIfDue() {
        long now = System.currentTimeMillis();
        if (now - lastAskedMs < GAP.toMillis()) {
            return;
        }
        try {
            long completed = flink.completedCheckpoints(jobId);
            if (completed != completedSeen) {
                completedSeen = completed;
                completedSeenAtMs = now;
            }
            long quietSince = Math.max(Math.max(flink.latestCheckpointAckMs(jobId), completedSeenAtMs), lastAskedMs);
            if (completed > completedWhenAsked
                    && due(flink.sourcePendingRecords(jobId), flink.checkpointsInProgress(jobId), quietSince, now)) {
                flink.triggerCheckpoint(jobId);
                lastAskedMs = now;
                completedWhenAsked = completed;
            }
        } catch (ClientException e) {
            lastAskedMs = now + BACK_OFF.toMillis();
        }
    }

    /**
     * @param sourcePending records the job's source has not fetched yet, -1 when unknown
     * @param quietSinceMs the newest of: the newest checkpoint's acknowledgement, when a new one was first seen, the
     *     last request
     */
    static boolean due(long sourcePending, long inProgress, long quietSinceMs, long nowMs) {
        return sourcePending == 0 && inProgress == 0 && nowMs - quietSinceMs >= GAP.toMillis();
    }
}
