package dev.rideops.cli.pipeline;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.RootCause;
import dev.rideops.contract.CdcContract;
import dev.rideops.generator.db.SourceDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Starts the current-state counts of a job that begins without state at the newest offsets ({@code deploy --offsets
 * latest}) from what the source holds now, not from zero: a Debezium incremental snapshot of {@code drivers} and of
 * the open {@code bookings}, asked for through the signal table once the job's offsets are fixed. Debezium interleaves
 * the snapshot's reads with the live changes and drops a read whose row changed meanwhile, so per row the job sees
 * its current state once, in order with its later changes; the job counts each driver and booking once by key, so
 * nothing is counted twice (see docs/ARCHITECTURE.md).
 */
final class CountsBootstrap {

    static final String SIGNAL = "{\"data-collections\": [\"public.drivers\", \"public.bookings\"], "
            + "\"type\": \"incremental\", \"additional-conditions\": [{\"data-collection\": \"public.bookings\", "
            + "\"filter\": \"status IN ('REQUESTED', 'ACCEPTED', 'ARRIVED', 'IN_PROGRESS')\"}]}";

    private CountsBootstrap() {}

    /** Writes the execute-snapshot signal; returns its id. */
    static String request(SourceDb db) {
        String id = UUID.randomUUID().toString();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO "
                        + CdcContract.SIGNAL_TABLE.substring(CdcContract.SIGNAL_TABLE.indexOf('.') + 1)
                        + " (id, type, data) VALUES (?, 'execute-snapshot', ?)")) {
            ps.setString(1, id);
            ps.setString(2, SIGNAL);
            ps.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new RideopsException(
                    "the job runs, but the snapshot that starts its driver and open-booking counts could not be asked"
                            + " for in " + db + ": " + RootCause.message(e),
                    "check the source database, then run 'rideops deploy --only job --offsets latest' again");
        }
    }
}
