package dev.rideops.cli.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A database connection opened again after it broke: a chaos run restarts the reporting database under the bench's
 * pollers, and one dead connection must not blind them for the rest of the run. Opened once at the start, so a
 * database that is not there fails the run at once, as before.
 */
final class ReopenedConnection implements AutoCloseable {

    private final Supplier<Connection> opener;
    private Connection current;

    ReopenedConnection(Supplier<Connection> opener) {
        this.opener = opener;
        this.current = opener.get();
    }

    /** The connection, opened again if the last one broke; the opener's exception when the database is away. */
    synchronized Connection get() {
        if (current == null) {
            current = opener.get();
        }
        return current;
    }

    /** The caller saw it fail: the next {@link #get()} opens a new one. */
    synchronized void broken() {
        closeQuietly();
        current = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
        current = null;
    }

    private void closeQuietly() {
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                // it is broken already
            }
        }
    }
}
