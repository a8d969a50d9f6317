package dev.rideops.cli.verify;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.flink.FlinkJob;
import java.time.Duration;

/**
 * Checkpoints a drain asks for instead of waiting for the periodic ones (10 s apart by default): the job commits its
 * Kafka offsets and its sinks flush on checkpoints, and a drain waits for three. One is asked for only when the
 * source has fetched every record (while it catches up, more checkpoints would only slow it), none is under way, and
 * the newest completed one and the last one asked for are at least {@link #GAP} old: the next checkpoint then still
 * comes after what the operators emit on their timers (every 200 ms by default) following the one before. A Flink
 * without the trigger endpoint (before 1.17) or a failing call only leaves the periodic ones.
 */
final class CheckpointNudge {

    static final Duration GAP = Duration.ofSeconds(2);
    /** After a failed request, the periodic checkpoints for a while. */
    private static final Duration BACK_OFF = Duration.ofSeconds(10);

    private final FlinkJob flink;
    private final String jobId;
    private long lastAskedMs = Long.MIN_VALUE / 2;

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
            if (due(
                    flink.sourcePendingRecords(jobId),
                    flink.checkpointsInProgress(jobId),
                    flink.latestCheckpointAckMs(jobId),
                    lastAskedMs,
                    now)) {
                flink.triggerCheckpoint(jobId);
                lastAskedMs = now;
            }
        } catch (ClientException e) {
            lastAskedMs = now + BACK_OFF.toMillis();
        }
    }

    /**
     * @param sourcePending records the job's source has not fetched yet, -1 when unknown
     * @param newestAckMs when the newest completed checkpoint was acknowledged, -1 before the first
     */
    static boolean due(long sourcePending, long inProgress, long newestAckMs, long lastAskedMs, long nowMs) {
        return sourcePending == 0
                && inProgress == 0
                && nowMs - newestAckMs >= GAP.toMillis()
                && nowMs - lastAskedMs >= GAP.toMillis();
    }
}
