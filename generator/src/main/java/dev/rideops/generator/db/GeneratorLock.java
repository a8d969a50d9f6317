package dev.rideops.generator.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A session-level advisory lock on the source database: two generators writing the same city would hand out the
 * same ids. Held for the life of the run; released when its connection closes, even after a crash.
 */
public final class GeneratorLock implements AutoCloseable {

    private static final long KEY = 0x726964656f7073L;

    private final Connection connection;

    private GeneratorLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or an IllegalStateException saying another generator holds it. */
    public static GeneratorLock acquire(SourceDb db) throws SQLException {
        Connection c = db.connect();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                c.close();
                throw new IllegalStateException("another generator is already writing to " + db);
            }
        } catch (SQLException | RuntimeException e) {
            if (!c.isClosed()) {
                c.close();
            }
            throw e;
        }
        return new GeneratorLock(c);
    }

    /** Whether any generator holds the lock on the database behind {@code c} (whoever's, wherever it runs). */
    public static boolean isHeld(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks "
                        + "WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database "
                        + "WHERE datname = current_database()) AND ((classid::bigint << 32) | objid::bigint) = "
                        + KEY)) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
