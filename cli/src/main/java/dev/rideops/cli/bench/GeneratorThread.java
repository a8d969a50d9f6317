package dev.rideops.cli.bench;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.generator.db.GeneratorLock;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.run.GeneratorRun;
import dev.rideops.generator.run.GeneratorSettings;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** A step's generator on its own thread, holding the generator lock so no other generator adds to the rate. */
final class GeneratorThread implements AutoCloseable {

    private final GeneratorRun run;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    GeneratorThread(GeneratorSettings settings, SourceDb sourceDb, GeneratorRun.Listener listener) {
        run = new GeneratorRun(settings, sourceDb, listener);
        thread = new Thread(
                () -> {
                    try (GeneratorLock lock = GeneratorLock.acquire(sourceDb)) {
                        run.run(stop::get);
                    } catch (Exception e) {
                        failure.set(e);
                    }
                },
                "bench-generator");
    }

    void start() {
        thread.start();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** The measured window begins: the generator's intended-time schedule starts again from now. */
    void restartSchedule() {
        run.restartSchedule();
    }

    /**
     * Waits until the city's sign-ups are written (a large city's take seconds) or the generator ended: a bench's or
     * fault's clock starts then, so the sign-ups count in no interval's rate.
     */
    void awaitLoad() {
        while (!run.stats().loadBegun() && thread.isAlive()) {
            try {
                thread.join(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RideopsException("bench interrupted", "run it again");
            }
        }
    }

    /** Changes of the rated load committed so far (after {@link #awaitLoad()}; the sign-ups are not counted). */
    long committed() {
        return run.stats().committedSinceClock();
    }

    /** Event-time seconds between two pings of one online driver, so far. */
    double meanPingIntervalSeconds() {
        return run.stats().meanPingIntervalSeconds();
    }

    /** Throws the generator's failure as the bench's, with what to do about it. */
    void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new RideopsException(
                    "the bench generator failed: " + e.getMessage(),
                    e instanceof IllegalStateException
                            ? "stop the other generator with 'rideops generate stop'; the bench sets the rate"
                            : "check the source database ('rideops status') and run the bench again");
        }
    }

    /** Asks the generator to finish its batch and waits for it (its lock is released when it ends). */
    @Override
    public void close() {
        stop.set(true);
        // Waits even when interrupted (Ctrl-C): whatever generates next needs the lock this one holds.
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
