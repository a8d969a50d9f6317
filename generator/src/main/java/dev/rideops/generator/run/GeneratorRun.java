package dev.rideops.generator.run;

import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.db.SourceState;
import dev.rideops.generator.db.SourceWriter;
import dev.rideops.generator.model.Change;
import dev.rideops.generator.sim.CitySimulator;
import dev.rideops.generator.sim.Timing;
import dev.rideops.scenarios.VolumeProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
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

        /**
         * A transaction of changes has committed, at {@code System.nanoTime()} {@code committedAtNanos}. With a target
         * rate, {@code dueAtNanos} is when the rate limiter's schedule meant it to start (see {@link RateLimiter}),
         * else when it started.
         */
        default void committed(List<Change> changes, long dueAtNanos, long committedAtNanos) {}
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration GIVE_UP_RECONNECTING = Duration.ofMinutes(5);
    private static final int MAX_BATCH = 2000;
    // A transaction costs the one writer a round trip per kind of change and one for the commit, each slower on a
    // busy machine: 50 ms batches make 20 transactions a second instead of 50, for at most 30 ms more intended latency.
    private static final long FLUSH_EVERY_NANOS = 50_000_000;

    private final GeneratorSettings settings;
    private final SourceDb db;
    private final Listener listener;
    private final GeneratorStats stats = new GeneratorStats();
    private final AtomicBoolean restartSchedule = new AtomicBoolean();

    public GeneratorRun(GeneratorSettings settings, SourceDb db, Listener listener) {
        this.settings = settings;
        this.db = db;
        this.listener = listener;
    }

    /**
     * Restarts the rate limiter's schedule before the next write (see {@link RateLimiter#restartSchedule}); safe from
     * another thread, e.g. a bench ending its warm-up.
     */
    public void restartSchedule() {
        restartSchedule.set(true);
    }

    public GeneratorStats stats() {
        return stats;
    }

    public GeneratorSummary run(BooleanSupplier stopRequested) throws SQLException, InterruptedException {
        SourceState state = readSource();
        Instant start = Instant.now();
        Instant simStart = simulationStart(start, state);
        List<Change> pending = new ArrayList<>();
        // the city's clock stands at the stated hour when the run reaches now: a stream's start, a seed's end
        Timing timing = new Timing(settings.timeScale(), settings.localHour().shiftAt(start));
        CitySimulator city = setUpCity(state, simStart, timing, pending);
        warnIfTheHourFallsShort(city, timing, simStart);
        boolean stoppedEarly;
        try (SourceWriter writer = new SourceWriter(
                db,
                reconnectWarnings(),
                GIVE_UP_RECONNECTING,
                settings.scenario().dbLatencyMs(),
                settings.scenario().dbLatencyJitterMs())) {
            WriteLoop loop = new WriteLoop(city, writer, pending, simStart, start);
            stats.startClock();
            listener.started(stats);
            stoppedEarly = loop.run(stopRequested);
        }
        stats.inflight(city.inflight());
        return summary(city, stoppedEarly, settings.localHour().hourAt(start));
    }

    private SourceState readSource() throws SQLException {
        try (Connection c = db.connect()) {
            return SourceState.read(c);
        }
    }

    /** Where event time begins: now when streaming, {@code history} back when seeding. */
    private Instant simulationStart(Instant start, SourceState state) {
        if (settings.mode() != Mode.SEED) {
            return start;
        }
        Instant simStart = start.minus(settings.history());
        // Event time never runs backwards: a seed into a source that already has history continues after it.
        if (state.latestEventAt() != null && state.latestEventAt().isAfter(simStart)) {
            listener.warning("the source already has events up to " + state.latestEventAt()
                    + "; seeding from there instead of " + simStart);
            return state.latestEventAt();
        }
        return simStart;
    }

    /**
     * A city that continues what the source holds and is filled up to the preset (with {@code --eps}, resized to make
     * that rate), its changes added to pending.
     */
    private CitySimulator setUpCity(SourceState state, Instant simStart, Timing timing, List<Change> pending) {
        VolumeProfile profile = settings.eps() > 0
                ? CitySimulator.sizedFor(settings.profile(), settings.eps(), timing, settings.pingIntervalSeconds())
                : settings.profile();
        CitySimulator city = new CitySimulator(
                profile, settings.scenario(), settings.seed(), state.ids(), timing, settings.pingIntervalSeconds());
        city.adopt(state.riders(), state.drivers(), state.openBookings(), simStart, pending);
        city.populate(simStart, pending);
        return city;
    }

    /**
     * The city is sized for its busy hour: a stream with a target rate at a quieter hour makes less than the target,
     * and says so rather than growing the fleet (see {@link CitySimulator#sizedFor}).
     */
    private void warnIfTheHourFallsShort(CitySimulator city, Timing timing, Instant simStart) {
        if (settings.eps() <= 0 || settings.mode() != Mode.STREAM) {
            return;
        }
        double expected = CitySimulator.expectedRate(city.drivers(), timing, settings.pingIntervalSeconds(), simStart);
        if (expected < settings.eps() * 0.95) {
            listener.warning(String.format(
                    Locale.ROOT,
                    "at %02d:00 on the city's clock (%s) a city sized for --eps %d at its busy hour makes about %.0f "
                            + "changes/s; pass --local-hour %d (the default for a target rate) to reach it",
                    settings.localHour().hourAt(simStart),
                    settings.localHour().describe(),
                    settings.eps(),
                    expected,
                    dev.rideops.generator.sim.DayCurve.BUSY_HOUR));
        }
    }

    private SourceWriter.Listener reconnectWarnings() {
        return new SourceWriter.Listener() {
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
    }

    private GeneratorSummary summary(CitySimulator city, boolean stoppedEarly, int localHourAtNow) {
        double seconds = stats.elapsedSeconds();
        return new GeneratorSummary(
                settings.mode().name().toLowerCase(),
                settings.volume(),
                settings.scenario().name(),
                settings.seed(),
                settings.eps(),
                Math.round(stats.committedSinceClock() / seconds * 10) / 10.0,
                Math.round(seconds * 10) / 10.0,
                stats.committed(),
                stats.rowsByTable(),
                stats.commits(),
                Math.round(stats.meanCommitMs() * 10) / 10.0,
                stats.errors(),
                stats.reconnects(),
                city.inflight(),
                stoppedEarly,
                settings.timeScale(),
                city.drivers(),
                city.riders(),
                city.onlineDrivers(),
                Math.round(city.meanPingIntervalSeconds() * 100) / 100.0,
                city.requested(),
                city.riderQuits(),
                city.riderComebacks(),
                city.driverQuits(),
                city.driverComebacks(),
                localHourAtNow,
                settings.localHour().kind(),
                // committed, not planned: a stop during the sign-ups drops the rest unwritten
                (int) stats.setupRows());
    }

    /** Steps the city and writes its changes, paced by the preset's sleeps, the limiter, or (seeding) neither. */
    private final class WriteLoop {

        private final CitySimulator city;
        private final SourceWriter writer;
        private final List<Change> pending;
        /** A seed's virtual clock stops here: the moment the run began. */
        private final Instant seedEnd;

        private final RateLimiter limiter = settings.eps() > 0 ? RateLimiter.perSecond(settings.eps()) : null;
        /** Without --eps a stream keeps the preset's rhythm: write every step, then sleep. */
        private final boolean paced = settings.mode() == Mode.STREAM && limiter == null;

        private final Random pace = new Random(settings.seed() * 31 + 7);
        private Instant virtualNow;
        private long lastFlush = System.nanoTime();
        private long lastProgress = System.nanoTime();

        WriteLoop(CitySimulator city, SourceWriter writer, List<Change> pending, Instant simStart, Instant seedEnd) {
            this.city = city;
            this.writer = writer;
            this.pending = pending;
            this.seedEnd = seedEnd;
            this.virtualNow = simStart;
        }

        /** Writes what setup produced, then steps until done; true if it was told to stop. */
        boolean run(BooleanSupplier stopRequested) throws SQLException, InterruptedException {
            long deadline = settings.duration() == null
                    ? Long.MAX_VALUE
                    : System.nanoTime() + settings.duration().toNanos();
            // The city's sign-ups go in as fast as the source takes them: the rate is the city's, not its setup's.
            // A large city's sign-ups take a while, and a stop (bench's window ending) must not wait for them all.
            if (!flush(false, stopRequested)) {
                return true;
            }
            stats.beginLoad();
            if (limiter != null) {
                limiter.restartSchedule();
            }
            boolean stoppedEarly = stepUntilDone(stopRequested, deadline);
            flush();
            return stoppedEarly;
        }

        /** True if told to stop; false once out of time or, seeding, caught up with the wall clock. */
        private boolean stepUntilDone(BooleanSupplier stopRequested, long deadline)
                throws SQLException, InterruptedException {
            while (!stopRequested.getAsBoolean()) {
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                Optional<Instant> now = nextEventTime();
                if (now.isEmpty()) {
                    return false;
                }
                step(now.get());
            }
            return true;
        }

        /** Now when streaming; when seeding the virtual clock's next tick, empty once it reaches the run's start. */
        private Optional<Instant> nextEventTime() {
            if (settings.mode() != Mode.SEED) {
                return Optional.of(Instant.now());
            }
            virtualNow = virtualNow.plusMillis(sleepMillis());
            return virtualNow.isBefore(seedEnd) ? Optional.of(virtualNow) : Optional.empty();
        }

        private void step(Instant now) throws SQLException, InterruptedException {
            pending.addAll(city.step(now));
            stats.inflight(city.inflight());
            stats.city(city.meanPingIntervalSeconds(), city.onlineDrivers());
            if (paced || pending.size() >= MAX_BATCH || System.nanoTime() - lastFlush >= FLUSH_EVERY_NANOS) {
                flush();
                lastFlush = System.nanoTime();
            }
            reportProgressWhenDue();
            if (paced) {
                Thread.sleep(sleepMillis());
            }
        }

        private void reportProgressWhenDue() {
            if (System.nanoTime() - lastProgress >= PROGRESS_EVERY.toNanos()) {
                listener.progress(stats);
                lastProgress = System.nanoTime();
            }
        }

        private void flush() throws SQLException, InterruptedException {
            flush(true, () -> false);
        }

        /**
         * Writes pending changes in transactions of at most MAX_BATCH rows, each paced by the limiter if any; false
         * if told to stop first (what was not written is dropped: nothing written refers to it).
         */
        private boolean flush(boolean limited, BooleanSupplier stopRequested)
                throws SQLException, InterruptedException {
            for (int from = 0; from < pending.size(); from += MAX_BATCH) {
                if (stopRequested.getAsBoolean()) {
                    pending.clear();
                    return false;
                }
                List<Change> chunk = pending.subList(from, Math.min(pending.size(), from + MAX_BATCH));
                if (limiter != null && restartSchedule.getAndSet(false)) {
                    limiter.restartSchedule();
                }
                long due = limiter != null && limited ? limiter.acquire(chunk.size()) : System.nanoTime();
                long began = System.nanoTime();
                try {
                    writer.write(chunk);
                } catch (SQLException e) {
                    stats.error();
                    throw e;
                }
                long committedAt = System.nanoTime();
                stats.committed(chunk, committedAt - began);
                listener.committed(chunk, due, committedAt);
            }
            pending.clear();
            return true;
        }

        private long sleepMillis() {
            double min = settings.profile().sleepMin();
            double max = settings.profile().sleepMax();
            return Math.round((min + pace.nextDouble() * (max - min)) * 1000);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
