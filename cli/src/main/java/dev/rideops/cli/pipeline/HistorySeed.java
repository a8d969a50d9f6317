package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.RootCause;
import dev.rideops.generator.db.GeneratorLock;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.run.GeneratorRun;
import dev.rideops.generator.run.GeneratorSettings;
import dev.rideops.generator.run.GeneratorStats;
import dev.rideops.generator.run.GeneratorSummary;
import dev.rideops.generator.run.LocalHour;
import dev.rideops.generator.run.Mode;
import dev.rideops.scenarios.DurationText;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * The recent past {@code up} writes before the live generator starts (seed mode: as fast as the source takes it),
 * so a fresh stack shows whole rides, peaks and regulars at once. The job reads it from the CDC log like any other
 * change. A source that already has history up to now gets nothing new (seed mode never writes into the past).
 *
 * <p>Its drivers ping every {@value #PING_INTERVAL_S} s instead of the live ~4 s: pings are nine rows in ten, and
 * two hours of {@code small} ending at the evening peak are about 202,000 rows at 4 s against about 30,000 at 30 s
 * ({@code CityRealismTest}, in memory),
 * which {@code up} writes, and the job catches up with, in seconds. Rides, shifts, sign-ups and quits are the same either
 * way; a driver still pings twice a minute (the cohort batch counts online time across gaps up to 300 s).
 */
public final class HistorySeed {

    /** Seconds between two pings of one online driver in the seeded history. */
    public static final double PING_INTERVAL_S = 30;

    private HistorySeed() {}

    /**
     * Writes {@code history} of the city at this volume and time scale, leading up to the clock's hour; nothing when
     * history is zero.
     */
    public static void write(
            RideopsConfig config, String volume, Duration history, double timeScale, LocalHour clock, PrintWriter err) {
        if (history.isZero()) {
            return;
        }
        GeneratorSettings settings = new GeneratorSettings(
                Mode.SEED,
                volume,
                Profiles.volume(Volume.valueOf(volume.toUpperCase(Locale.ROOT))),
                LoadScenario.STEADY,
                0,
                null,
                history,
                System.nanoTime(),
                timeScale,
                PING_INTERVAL_S,
                clock);
        SourceDb db = SourceDbs.from(config);
        try (GeneratorLock lock = GeneratorLock.acquire(db)) {
            GeneratorSummary s = new GeneratorRun(settings, db, new Quiet(err)).run(() -> false);
            err.printf(
                    Locale.ROOT,
                    "  history    %s written: %,d rows (%,d rides requested) in %.1f s; a ping every %.0f s per "
                            + "online driver, the city's clock at %02d:00 at its end%n",
                    DurationText.format(history),
                    s.rowsTotal(),
                    s.requested(),
                    s.durationSeconds(),
                    PING_INTERVAL_S,
                    s.localHour());
            err.flush();
        } catch (IllegalStateException e) {
            throw new RideopsException(
                    e.getMessage(), "stop it with 'rideops generate stop' first, or pass --history 0");
        } catch (SQLException e) {
            throw new RideopsException(
                    "writing the recent history failed: " + RootCause.message(e),
                    "check the source database ('rideops status'), or pass --history 0",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RideopsException("interrupted while writing the recent history", "run 'rideops up' again");
        }
    }

    /** Only warnings reach the user: the seed is one line of {@code up}. */
    private record Quiet(PrintWriter err) implements GeneratorRun.Listener {
        @Override
        public void started(GeneratorStats stats) {}

        @Override
        public void progress(GeneratorStats stats) {}

        @Override
        public void warning(String message) {
            err.println("rideops: " + message);
            err.flush();
        }
    }
}
