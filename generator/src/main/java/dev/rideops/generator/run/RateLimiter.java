package dev.rideops.generator.run;

import java.util.function.LongSupplier;

/**
 * Paces work to a steady rate of permits per second. Each acquisition reserves its permits on a schedule and waits
 * until its slot comes, so rate holds over any window while a caller that fell behind is not allowed a burst of
 * more than {@code maxBurstSeconds} worth of catch-up.
 *
 * <p>That forgiveness hides how far behind a slow caller is. So the limiter also keeps the schedule a source at
 * exactly the target rate would follow, which never forgives: {@link #acquire} returns when the permits were due on
 * it. Latency measured from that time does not suffer coordinated omission (a stalled caller shows as latency, not
 * only as a lower rate).
 */
public final class RateLimiter {

    /** How the limiter waits; tests pass one that advances a fake clock. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double nanosPerPermit;
    private final long maxBurstNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextFreeNanos;
    private long dueNanos;
    private boolean started;

    public RateLimiter(double permitsPerSecond, double maxBurstSeconds, LongSupplier clock, Sleeper sleeper) {
        if (permitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, was " + permitsPerSecond);
        }
        this.nanosPerPermit = 1e9 / permitsPerSecond;
        this.maxBurstNanos = (long) (maxBurstSeconds * 1e9);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * How much a caller that stalled may make up. A load run on two busy cores stalls for a few hundred milliseconds
     * now and then (a checkpoint, a collection); forgiving only 50 ms of each left a 5,000/s bench ~3 % short of its
     * target (bench/results/2026-11-29T12-51-31Z: 10 s intervals of 4,578-5,067/s). A second of catch-up (Guava's default) recovers such stalls while a longer outage
     * still shows as a lower rate, and latency from the due time still counts every stall.
     */
    static final double CATCH_UP_SECONDS = 1.0;

    public static RateLimiter perSecond(double permits) {
        return new RateLimiter(permits, CATCH_UP_SECONDS, System::nanoTime, nanos -> {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        });
    }

    /**
     * Blocks until the permits' slot has come; returns the clock time they were due at on the unforgiving schedule
     * (the first acquisition's time plus all earlier permits at the target rate).
     */
    public long acquire(int permits) throws InterruptedException {
        long now = clock.getAsLong();
        if (!started) {
            nextFreeNanos = now;
            dueNanos = now;
            started = true;
        }
        nextFreeNanos = Math.max(nextFreeNanos, now - maxBurstNanos);
        long wait = nextFreeNanos - now;
        long span = (long) (permits * nanosPerPermit);
        nextFreeNanos += span;
        long due = dueNanos;
        dueNanos += span;
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
        return due;
    }

    /**
     * Starts both schedules again at the next acquisition: a deficit built up before (a cold stack's warm-up) is
     * forgiven, so latency from the intended time measures falling behind from now on, not since the first call.
     */
    public void restartSchedule() {
        started = false;
    }
}
