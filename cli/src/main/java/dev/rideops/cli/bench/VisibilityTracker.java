package dev.rideops.cli.bench;

import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Commit-to-visible latency for one output (the mart snapshot, the search index). The generator reports each
 * committed transaction with the event time of its newest change of interest, the {@code nanoTime} of its commit,
 * and when the rate limiter meant it to start; a poller reports the newest event time the output shows and when it
 * saw it. Every commit at or before that event time is then visible, and two latencies are recorded: from the
 * commit returning, and from the intended time. The second has no coordinated omission: a generator that falls
 * behind its schedule (the database slow to take writes) shows as latency there, not only as a lower rate. Measured
 * on real rows, with the poll interval as the resolution (a commit is seen at most one poll late).
 */
public final class VisibilityTracker {

    /** Latencies in microseconds, up to an hour, 3 significant digits. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    /** One interval's latencies, or a step's total. */
    public record Latencies(Histogram fromCommit, Histogram fromIntended) {}

    /** {eventMicros, committedAtNanos, intendedAtNanos} of commits not visible yet, oldest first. */
    private final ArrayDeque<long[]> pending = new ArrayDeque<>();

    private final LatencyRecorder fromCommit = new LatencyRecorder();
    private final LatencyRecorder fromIntended = new LatencyRecorder();

    /** A transaction committed with changes up to {@code eventMicros}; it was meant to start at {@code intended}. */
    public synchronized void committed(long eventMicros, long intendedAtNanos, long committedAtNanos) {
        pending.addLast(new long[] {eventMicros, committedAtNanos, intendedAtNanos});
    }

    /** The output shows changes up to {@code eventMicros}, as observed at {@code observedAtNanos}. */
    public synchronized void visibleUpTo(long eventMicros, long observedAtNanos) {
        while (!pending.isEmpty() && pending.peekFirst()[0] <= eventMicros) {
            long[] commit = pending.pollFirst();
            fromCommit.record(observedAtNanos - commit[1]);
            fromIntended.record(observedAtNanos - commit[2]);
        }
    }

    /**
     * The generator's schedule starts again (the measured window begins): commits still in flight were meant on the
     * old schedule, so they are timed from their commit instead.
     */
    public synchronized void restartSchedule() {
        for (long[] commit : pending) {
            commit[2] = commit[1];
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
    public Latencies takeInterval(boolean measured) {
        return new Latencies(fromCommit.take(measured), fromIntended.take(measured));
    }

    public Latencies total() {
        return new Latencies(fromCommit.total(), fromIntended.total());
    }

    /** One kind of latency: what the current interval recorded, and the measured intervals' total. */
    private static final class LatencyRecorder {

        private final Recorder interval = new Recorder(HIGHEST_MICROS, 3);
        private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

        void record(long nanos) {
            interval.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
        }

        Histogram take(boolean measured) {
            Histogram h = interval.getIntervalHistogram();
            if (measured) {
                synchronized (total) {
                    total.add(h);
                }
            }
            return h;
        }

        Histogram total() {
            synchronized (total) {
                return total.copy();
            }
        }
    }
}
