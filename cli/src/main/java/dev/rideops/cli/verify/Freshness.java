package dev.rideops.cli.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * How far the snapshot table is behind the source, in event time: the newest source change minus the newest change
 * the snapshot reflects. Measured in the databases, so clocks of other machines do not matter.
 */
public final class Freshness {

    private Freshness() {}

    /** Seconds behind (0 when caught up), null while either side is empty. */
    public static Double secondsBehind(Connection source, Connection reporting) throws SQLException {
        Instant newestSource = new SourceTruth(source).newestChange();
        Instant newestSnapshot = new MartRows(reporting).newestSnapshotChange();
        if (newestSource == null || newestSnapshot == null) {
            return null;
        }
        return Math.max(0, Duration.between(newestSnapshot, newestSource).toMillis() / 1000.0);
    }
}
