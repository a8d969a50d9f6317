package dev.rideops.clients.flink;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * A completed checkpoint of a job (not a savepoint) with Flink's own times, epoch ms: when the JobManager triggered
 * it and when its last task acknowledged it.
 */
public record Checkpoint(long id, long triggeredMs, long ackMs) {

    /**
     * The first checkpoint triggered at or after {@code sinceMs}. Triggered, not just acknowledged: one triggered
     * earlier may have carried its barriers through most of the job before the moment that matters (a fault, a
     * failover), so only one triggered after it shows the whole job checkpointing since.
     */
    public static Optional<Checkpoint> firstTriggeredSince(Collection<Checkpoint> completed, long sinceMs) {
        return completed.stream()
                .filter(c -> c.triggeredMs() >= sinceMs)
                .min(Comparator.comparingLong(Checkpoint::triggeredMs));
    }
}
