package dev.rideops.stack.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * What {@code snapshot.json} says of one snapshot: when it was taken, how much it holds, the services whose data it
 * holds, and the job state (savepoint or retained checkpoint) a later {@code up} resumes from (null: none, the job
 * would start without state).
 *
 * @param parts the stored paths, relative to the snapshot directory ({@code services/kafka-1}, {@code postgres/source-db})
 */
public record SnapshotInfo(
        String name, Instant createdAt, long bytes, List<String> services, String jobState, List<String> parts) {

    public SnapshotInfo {
        services = List.copyOf(services);
        parts = List.copyOf(parts);
    }
}
