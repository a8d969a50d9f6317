package dev.rideops.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.clients.LoginRefusedException;
import dev.rideops.clients.http.RestCalls;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the outputs for the newest event time they show: the snapshot's driver counts every 50 ms (a
 * primary-key read), and the newest {@code updated_at} in {@code driver_locations} every 100 ms (what a search
 * sees, so the index's refresh interval is part of the latency, as it is for its users).
 */
final class OutputPollers implements AutoCloseable {

    static final String THREAD = "bench-poller";

    static final long SNAPSHOT_POLL_MS = 50;
    static final long SEARCH_POLL_MS = 100;

    private static final String NEWEST_DRIVER_CHANGE = "SELECT (extract(epoch FROM max(last_updated)) * 1000000)"
            + "::bigint FROM mart.latest_metric_snapshot "
            + "WHERE metric_name IN ('drivers_available', 'drivers_busy', 'drivers_offline')";
    private static final Map<String, Object> NEWEST_PING =
            Map.of("size", 0, "aggs", Map.of("newest", Map.of("max", Map.of("field", "updated_at"))));

    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, THREAD);
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong pollErrors = new AtomicLong();
    private final AtomicReference<LoginRefusedException> refused = new AtomicReference<>();

    OutputPollers(
            ReopenedConnection reporting, RestCalls search, VisibilityTracker snapshot, VisibilityTracker searchIndex) {
        pool.scheduleWithFixedDelay(
                () -> {
                    try (Statement s = reporting.get().createStatement();
                            ResultSet rs = s.executeQuery(NEWEST_DRIVER_CHANGE)) {
                        if (rs.next() && rs.getObject(1) != null) {
                            snapshot.visibleUpTo(rs.getLong(1), System.nanoTime());
                        }
                    } catch (SQLException e) {
                        pollErrors.incrementAndGet();
                        reporting.broken();
                    } catch (RuntimeException databaseAway) {
                        pollErrors.incrementAndGet();
                    }
                },
                0,
                SNAPSHOT_POLL_MS,
                TimeUnit.MILLISECONDS);
        pool.scheduleWithFixedDelay(
                () -> {
                    try {
                        JsonNode newest = newestPing(search);
                        if (newest.isNumber()) {
                            // the index keeps milliseconds: everything within the newest millisecond is visible
                            searchIndex.visibleUpTo(newest.asLong() * 1000 + 999, System.nanoTime());
                        }
                    } catch (LoginRefusedException e) {
                        // not a slow index: the step's search latency would read as "never visible"
                        refused.compareAndSet(null, e);
                        pollErrors.incrementAndGet();
                    } catch (RuntimeException e) {
                        pollErrors.incrementAndGet();
                    }
                },
                0,
                SEARCH_POLL_MS,
                TimeUnit.MILLISECONDS);
    }

    long pollErrors() {
        return pollErrors.get();
    }

    /** Before any load: a search node that refuses the reader fails the bench at once, naming the setting. */
    static void checkLogin(RestCalls search) {
        try {
            newestPing(search);
        } catch (LoginRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            // no index yet or a node still starting: the pollers count it, as during the run
        }
    }

    /** Throws the refused login the search poller met (a password changed during the run), if it met one. */
    void throwIfRefused() {
        LoginRefusedException e = refused.get();
        if (e != null) {
            throw e;
        }
    }

    private static JsonNode newestPing(RestCalls search) {
        return search.post("/driver_locations/_search", NEWEST_PING).at("/aggregations/newest/value");
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> describe() {
        return List.of(
                "snapshot: max(last_updated) of the driver counts every " + SNAPSHOT_POLL_MS + " ms",
                "search: newest updated_at in driver_locations every " + SEARCH_POLL_MS + " ms");
    }
}
