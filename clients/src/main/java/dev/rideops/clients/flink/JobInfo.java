package dev.rideops.clients.flink;

/**
 * One Flink job as {@code rideops job status|list} report it. Times are epoch ms; -1 (or null) where Flink has no
 * figure yet: a job before its first checkpoint, a job rideops did not start (no jar id).
 *
 * @param jarId the uploaded jar the job runs from, as deploy tagged it; null when unknown
 * @param restoredFrom the savepoint or checkpoint the job last restored from, null when it started fresh
 */
public record JobInfo(
        String id,
        String name,
        String state,
        long startTime,
        long durationMs,
        int parallelism,
        String jarId,
        long checkpointsCompleted,
        long checkpointsFailed,
        long lastCheckpointAckMs,
        long lastCheckpointStateBytes,
        String restoredFrom) {}
