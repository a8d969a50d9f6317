package dev.rideops.generator.run;

import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.db.SourceState;
import dev.rideops.generator.db.SourceWriter;
import dev.rideops.generator.model.Change;
import dev.rideops.generator.sim.CitySimulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Runs the simulation against the source database: adopts what is there, fills the city up to the preset, then
 * steps and writes until the duration is over or it is told to stop. In stream mode event time is now; in seed
 * mode a virtual clock walks from {@code now - history} to now as fast as the database takes it. With
 * {@code --eps} a rate limiter paces the committed row changes instead of the preset's sleeps.
 */
public final class GeneratorRun {

    /** What a run reports while it works. */
    public interface Listener {
        /** The city is populated and writing begins. */
        void started(GeneratorStats stats);

        void progress(GeneratorStats stats);

        void warning(String message);

        /** A transaction of changes has committed, at {@code System.nanoTime()} {@code committedAtNanos}. */
        default void committed(List<Change> changes, long committedAtNanos) {
        }
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration GIVE_UP_RECONNECTING = Duration.ofMinutes(5);
    private static final int MAX_BATCH = 2000;
    private static final long FLUSH_EVERY_NANOS = 20_000_000;

    private final GeneratorSettings settings;
    private final SourceDb db;
    private final Listener listener;
    private final GeneratorStats stats = new GeneratorStats();

    public GeneratorRun(GeneratorSettings settings, SourceDb db, Listener listener) {
        this.settings = settings;
        this.db = db;
        this.listener = listener;
    }

    public GeneratorStats stats() {
        return stats;
    }

    public GeneratorSummary run(BooleanSupplier stopRequested) throws SQLException, InterruptedException {
        SourceState state;
        try (Connection c = db.connect()) {
            state = SourceState.read(c);
        }
        Instant start = Instant.now();
        Instant simStart = start;
        if (settings.mode() == Mode.SEED) {
            simStart = start.minus(settings.history());
            // Event time never runs backwards: a seed into a source that already has history continues after it.
            if (state.latestEventAt() != null && state.latestEventAt().isAfter(simStart)) {
                listener.warning("the source already has events up to " + state.latestEventAt()
                        + "; seeding from there instead of " + simStart);
                simStart = state.latestEventAt();
            }
        }
        CitySimulator city = new CitySimulator(settings.profile(), settings.scenario(), settings.seed(), state.ids());
        List<Change> pending = new ArrayList<>();
        city.adopt(state.riders(), state.drivers(), state.openBookings(), simStart, pending);
        city.populate(simStart, pending);

        SourceWriter.Listener reconnects = new SourceWriter.Listener() {
            @Override
            public void reconnecting(SQLException cause, int attempt, Duration backoff) {
                stats.reconnect();
                listener.warning("lost the source database (" + firstLine(cause) + "); reconnecting in "
                        + backoff.toMillis() + " ms (attempt " + attempt + ")");
            }

            @Override
            public void reconnected() {
                listener.warning("reconnected to the source database; the batch was written again");
            }
        };
        RateLimiter limiter = settings.eps() > 0 ? RateLimiter.perSecond(settings.eps()) : null;
        Random pace = new Random(settings.seed() * 31 + 7);
        boolean stoppedEarly = false;
        Instant virtualNow = simStart;
        long lastFlush = System.nanoTime();
        long lastProgress = System.nanoTime();

        try (SourceWriter writer = new SourceWriter(db, reconnects, GIVE_UP_RECONNECTING,
                settings.scenario().dbLatencyMs(), settings.scenario().dbLatencyJitterMs())) {
            stats.startClock();
            listener.started(stats);
            long deadline = settings.duration() == null ? Long.MAX_VALUE
                    : System.nanoTime() + settings.duration().toNanos();
            flushInChunks(writer, limiter, pending);
            while (true) {
                if (stopRequested.getAsBoolean()) {
                    stoppedEarly = true;
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                Instant now;
                if (settings.mode() == Mode.SEED) {
                    virtualNow = virtualNow.plusMillis(sleepMillis(pace));
                    if (!virtualNow.isBefore(start)) {
                        break;
                    }
                    now = virtualNow;
                } else {
                    now = Instant.now();
                }
                pending.addAll(city.step(now));
                stats.inflight(city.inflight());

                boolean paced = settings.mode() == Mode.STREAM && limiter == null;
                if (paced || pending.size() >= MAX_BATCH || System.nanoTime() - lastFlush >= FLUSH_EVERY_NANOS) {
                    flushInChunks(writer, limiter, pending);
                    lastFlush = System.nanoTime();
                }
                if (System.nanoTime() - lastProgress >= PROGRESS_EVERY.toNanos()) {
                    listener.progress(stats);
                    lastProgress = System.nanoTime();
                }
                if (paced) {
                    Thread.sleep(sleepMillis(pace));
                }
            }
            flushInChunks(writer, limiter, pending);
        }
        stats.inflight(city.inflight());
        double seconds = stats.elapsedSeconds();
        return new GeneratorSummary(settings.mode().name().toLowerCase(), settings.volume(),
                settings.scenario().name(), settings.seed(), settings.eps(),
                Math.round(stats.committed() / seconds * 10) / 10.0, Math.round(seconds * 10) / 10.0,
                stats.committed(), stats.rowsByTable(), stats.commits(),
                Math.round(stats.meanCommitMs() * 10) / 10.0, stats.errors(), stats.reconnects(), city.inflight(),
                stoppedEarly);
    }

    /** Writes pending changes in transactions of at most MAX_BATCH rows, each paced by the limiter if any. */
    private void flushInChunks(SourceWriter writer, RateLimiter limiter, List<Change> pending)
            throws SQLException, InterruptedException {
        for (int from = 0; from < pending.size(); from += MAX_BATCH) {
            List<Change> chunk = pending.subList(from, Math.min(pending.size(), from + MAX_BATCH));
            if (limiter != null) {
                limiter.acquire(chunk.size());
            }
            long began = System.nanoTime();
            try {
                writer.write(chunk);
            } catch (SQLException e) {
                stats.error();
                throw e;
            }
            long committedAt = System.nanoTime();
            stats.committed(chunk, committedAt - began);
            listener.committed(chunk, committedAt);
        }
        pending.clear();
    }

    private long sleepMillis(Random pace) {
        double min = settings.profile().sleepMin();
        double max = settings.profile().sleepMax();
        return Math.round((min + pace.nextDouble() * (max - min)) * 1000);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
