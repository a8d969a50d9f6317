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
        return read(source, reporting).secondsBehind();
    }

    /** Both sides' newest change, in event time. */
    public static Reading read(Connection source, Connection reporting) throws SQLException {
        return new Reading(new SourceTruth(source).newestChange(), new MartRows(reporting).newestSnapshotChange());
    }

    /**
     * The newest source change and the newest change the snapshot reflects, in event time; null while that side is
     * empty.
     */
    public record Reading(Instant newestSource, Instant newestSnapshot) {

        /** Seconds behind (0 when caught up), null while either side is empty. */
        public Double secondsBehind() {
            if (newestSource == null || newestSnapshot == null) {
                return null;
            }
            return Math.max(0, Duration.between(newestSnapshot, newestSource).toMillis() / 1000.0);
        }
    }
}
