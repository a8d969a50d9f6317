package dev.rideops.generator.db;

import dev.rideops.generator.model.Change;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes batches of changes to the source database, one transaction per batch, statements grouped per kind in an
 * order that keeps references valid (riders and drivers before bookings, bookings before payments). Every
 * statement is idempotent (inserts ignore existing keys, booking updates apply only from their previous state),
 * so after a lost connection the whole batch is simply written again.
 */
public final class SourceWriter implements AutoCloseable {

    /** What the writer tells its caller about trouble it recovers from. */
    public interface Listener {
        void reconnecting(SQLException cause, int attempt, Duration backoff);

        void reconnected();
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final SourceDb db;
    private final Listener listener;
    private final Duration giveUpAfter;
    private final int latencyMs;
    private final int latencyJitterMs;
    private final Random jitter = new Random();
    private Connection connection;
    private Map<Change.Kind, PreparedStatement> statements;

    /**
     * @param latencyMs added before every round trip to the database (the network-latency scenario)
     */
    public SourceWriter(SourceDb db, Listener listener, Duration giveUpAfter, int latencyMs, int latencyJitterMs) {
        this.db = db;
        this.listener = listener;
        this.giveUpAfter = giveUpAfter;
        this.latencyMs = latencyMs;
        this.latencyJitterMs = latencyJitterMs;
    }

    /** Writes the batch in one transaction, reconnecting and retrying with backoff while the database is away. */
    public void write(List<Change> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        int attempt = 0;
        while (true) {
            try {
                ensureConnected();
                writeOnce(batch);
                if (attempt > 0) {
                    listener.reconnected();
                }
                return;
            } catch (SQLException e) {
                closeQuietly();
                if (!isConnectionProblem(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                attempt++;
                Duration backoff = backoff(attempt);
                listener.reconnecting(e, attempt, backoff);
                sleep(backoff.toMillis());
            }
        }
    }

    private void writeOnce(List<Change> batch) throws SQLException {
        // An EnumMap iterates in Kind order, the order that keeps references valid.
        Map<Change.Kind, List<Change>> byKind = new EnumMap<>(Change.Kind.class);
        for (Change c : batch) {
            byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<Change.Kind, List<Change>> group : byKind.entrySet()) {
            PreparedStatement ps = statements.get(group.getKey());
            for (Change c : group.getValue()) {
                ChangeSql.bind(ps, c);
                ps.addBatch();
            }
            simulateLatency();
            ps.executeBatch();
        }
        simulateLatency();
        connection.commit();
    }

    private void ensureConnected() throws SQLException {
        if (connection != null) {
            return;
        }
        simulateLatency();
        connection = db.connect();
        connection.setAutoCommit(false);
        try (var s = connection.createStatement()) {
            // Loss on a database crash is bounded to the last few hundred milliseconds of commits, which the
            // next run adopts anyway; the source stays consistent either way.
            s.execute("SET synchronous_commit = off");
        }
        statements = new EnumMap<>(Change.Kind.class);
        for (Change.Kind kind : Change.Kind.values()) {
            statements.put(kind, connection.prepareStatement(ChangeSql.of(kind)));
        }
    }

    static boolean isConnectionProblem(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static Duration backoff(int attempt) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10));
        return Duration.ofMillis(millis);
    }

    private void simulateLatency() {
        if (latencyMs > 0 || latencyJitterMs > 0) {
            sleep(latencyMs + (latencyJitterMs > 0 ? jitter.nextInt(latencyJitterMs + 1) : 0));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being dropped because it failed
            }
        }
        connection = null;
        statements = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
