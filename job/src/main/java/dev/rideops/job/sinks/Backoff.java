package dev.rideops.job.sinks;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, with no limit on attempts: a search node that is down for minutes is waited
 * for, at most {@code maxMs} between tries. The delay before retry {@code n} is drawn from the upper half of
 * {@code min(maxMs, initialMs * 2^(n-1))}: never less than half, so a dead node is not hammered, and spread, so the
 * job's writers do not all come back in the same instant.
 */
final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private final RandomGenerator random;

    Backoff(long initialMs, long maxMs, RandomGenerator random) {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException(
                    "backoff needs 1 <= initial <= max, got initial " + initialMs + " ms, max " + maxMs + " ms");
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** The delay before retry {@code attempt} (1 for the first retry), in milliseconds. */
    long delayMs(int attempt) {
        int doublings = Math.max(0, attempt - 1);
        long ceiling =
                doublings >= Long.numberOfLeadingZeros(initialMs) - 1 ? maxMs : Math.min(maxMs, initialMs << doublings);
        long floor = ceiling - ceiling / 2;
        return floor + random.nextLong(ceiling - floor + 1);
    }
}
