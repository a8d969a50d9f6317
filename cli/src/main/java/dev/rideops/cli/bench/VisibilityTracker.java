package dev.rideops.cli.bench;

import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Commit-to-visible latency for one output (the mart snapshot, the search index). The generator reports each
 * committed transaction with the event time of its newest change of interest and the {@code nanoTime} of its
 * commit; a poller reports the newest event time the output shows and when it saw it. Every commit at or before
 * that event time is then visible, and its latency is recorded: measured on real rows, with the poll interval as
 * the resolution (a commit is seen at most one poll late).
 */
public final class VisibilityTracker {

    /** Latencies in microseconds, up to an hour, 3 significant digits. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private final ArrayDeque<long[]> pending = new ArrayDeque<>();
    private final Recorder interval = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

    /** A transaction committed with changes up to {@code eventMicros}. */
    public synchronized void committed(long eventMicros, long committedAtNanos) {
        pending.addLast(new long[] {eventMicros, committedAtNanos});
    }

    /** The output shows changes up to {@code eventMicros}, as observed at {@code observedAtNanos}. */
    public synchronized void visibleUpTo(long eventMicros, long observedAtNanos) {
        while (!pending.isEmpty() && pending.peekFirst()[0] <= eventMicros) {
            long[] commit = pending.pollFirst();
            interval.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (observedAtNanos - commit[1]) / 1000)));
        }
    }

    /** Commits not visible yet. */
    public synchronized int pending() {
        return pending.size();
    }

    /** The oldest commit not visible yet, as its age in ms at {@code nowNanos}; 0 when none. */
    public synchronized long oldestPendingMs(long nowNanos) {
        return pending.isEmpty() ? 0 : (nowNanos - pending.peekFirst()[1]) / 1_000_000;
    }

    /**
     * The latencies since the last call; added to the step's total when {@code measured}, so a warm-up interval has
     * its own figures (the warm-up rule reads them) but stays out of the step's.
     */
    public Histogram takeInterval(boolean measured) {
        Histogram h = interval.getIntervalHistogram();
        if (measured) {
            synchronized (total) {
                total.add(h);
            }
        }
        return h;
    }

    public Histogram total() {
        synchronized (total) {
            return total.copy();
        }
    }
}
