package dev.rideops.cli.pipeline;

import dev.rideops.clients.connect.SnapshotSignal;
import dev.rideops.generator.db.SourceDb;
import java.util.List;
import java.util.Map;

/**
 * Starts the current-state counts of a job that begins without state at the newest offsets ({@code deploy --offsets
 * latest}) from what the source holds now, not from zero: a Debezium incremental snapshot of {@code drivers} and of
 * the open {@code bookings}, asked for through the signal table once the job's offsets are fixed. Debezium interleaves
 * the snapshot's reads with the live changes and drops a read whose row changed meanwhile, so per row the job sees
 * its current state once, in order with its later changes; the job counts each driver and booking once by key, so
 * nothing is counted twice (see docs/ARCHITECTURE.md).
 */
final class CountsBootstrap {

    static final List<String> TABLES = List.of("public.drivers", "public.bookings");
    static final Map<String, String> FILTERS =
            Map.of("public.bookings", "status IN ('REQUESTED', 'ACCEPTED', 'ARRIVED', 'IN_PROGRESS')");

    private CountsBootstrap() {}

    /** Writes the execute-snapshot signal; returns its id. */
    static String request(SourceDb db) {
        return new SnapshotSignal(db.url(), db.user(), db.password()).requestIncremental(TABLES, FILTERS);
    }
}
