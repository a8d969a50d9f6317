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
 *
 * <p>With {@link #tracksKafka()} the path is split at Kafka too: a tail on the CDC topics reports each change's event
 * time with its record's Kafka timestamp, so each commit also gets commit-to-Kafka (Debezium's leg) and
 * Kafka-to-visible (the job's and the output's), which add up to its commit-to-visible. Kafka's timestamp is wall
 * clock in milliseconds; it is set against the commits' {@code nanoTime} once, when the tracker is made.
 */
public final class VisibilityTracker {

    /** Latencies in microseconds, up to an hour, 3 significant digits. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    /**
     * One interval's latencies, or a step's total; {@code toKafka} (commit to the Kafka record) and {@code fromKafka}
     * (the record to visible) stay empty unless the tracker {@link #tracksKafka()}.
     */
    public record Latencies(Histogram fromCommit, Histogram fromIntended, Histogram toKafka, Histogram fromKafka) {}

    private static final int EVENT = 0;
    private static final int COMMITTED = 1;
    private static final int INTENDED = 2;
    private static final int IN_KAFKA = 3;
    private static final int VISIBLE = 4;
    /** Not known yet, in the {@link #IN_KAFKA} and {@link #VISIBLE} slots. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    /** {event micros, committed, intended, in Kafka, visible (nanos)} of commits not visible yet, oldest first. */
    private final ArrayDeque<long[]> pending = new ArrayDeque<>();
    /** The same commits, those not seen in Kafka yet, while the Kafka leg is tracked. */
    private final ArrayDeque<long[]> notInKafka = new ArrayDeque<>();

    private final LatencyRecorder fromCommit = new LatencyRecorder();
    private final LatencyRecorder fromIntended = new LatencyRecorder();
    private final LatencyRecorder toKafka = new LatencyRecorder();
    private final LatencyRecorder fromKafka = new LatencyRecorder();
    /** Epoch nanoseconds minus {@code nanoTime}: Kafka's wall-clock timestamps on the commits' clock. */
    private final long wallMinusNanoTime;

    private boolean kafkaLeg;

    public VisibilityTracker() {
        this(System.currentTimeMillis() * 1_000_000L - System.nanoTime());
    }

    /** Against a given wall clock (tests: 0, so Kafka's milliseconds are the commits' nanoseconds / 10^6). */
    VisibilityTracker(long wallMinusNanoTime) {
        this.wallMinusNanoTime = wallMinusNanoTime;
    }

    /** From now on, commits also wait to be seen in Kafka ({@link #inKafkaUpTo}). */
    public synchronized void tracksKafka() {
        kafkaLeg = true;
    }

    /** The Kafka leg ends (the tail stopped): what waits for it is dropped, the rest goes on as before. */
    public synchronized void stopsTrackingKafka() {
        kafkaLeg = false;
        notInKafka.clear();
    }

    /** A transaction committed with changes up to {@code eventMicros}; it was meant to start at {@code intended}. */
    public synchronized void committed(long eventMicros, long intendedAtNanos, long committedAtNanos) {
        long[] commit = {eventMicros, committedAtNanos, intendedAtNanos, UNKNOWN, UNKNOWN};
        pending.addLast(commit);
        if (kafkaLeg) {
            notInKafka.addLast(commit);
        }
    }

    /** The output shows changes up to {@code eventMicros}, as observed at {@code observedAtNanos}. */
    public synchronized void visibleUpTo(long eventMicros, long observedAtNanos) {
        while (!pending.isEmpty() && pending.peekFirst()[EVENT] <= eventMicros) {
            long[] commit = pending.pollFirst();
            commit[VISIBLE] = observedAtNanos;
            fromCommit.record(observedAtNanos - commit[COMMITTED]);
            fromIntended.record(observedAtNanos - commit[INTENDED]);
            if (commit[IN_KAFKA] != UNKNOWN) {
                fromKafka.record(observedAtNanos - commit[IN_KAFKA]);
            }
        }
    }

    /**
     * Kafka holds the change at {@code eventMicros}, in a record stamped {@code kafkaMillis} (epoch ms): every commit
     * up to it is in Kafka then. A commit the output showed before the tail read its record gets its Kafka-to-visible
     * now, from the record's timestamp, so a slow tail delays the figures but does not change them.
     */
    public synchronized void inKafkaUpTo(long eventMicros, long kafkaMillis) {
        long inKafka = kafkaMillis * 1_000_000L - wallMinusNanoTime;
        while (!notInKafka.isEmpty() && notInKafka.peekFirst()[EVENT] <= eventMicros) {
            long[] commit = notInKafka.pollFirst();
            commit[IN_KAFKA] = inKafka;
            toKafka.record(inKafka - commit[COMMITTED]);
            if (commit[VISIBLE] != UNKNOWN) {
                fromKafka.record(commit[VISIBLE] - inKafka);
            }
        }
    }

    /**
     * The generator's schedule starts again (the measured window begins): commits still in flight were meant on the
     * old schedule, so they are timed from their commit instead.
     */
    public synchronized void restartSchedule() {
        for (long[] commit : pending) {
            commit[INTENDED] = commit[COMMITTED];
        }
    }

    /** Commits not seen in Kafka yet, while the Kafka leg is tracked. */
    public synchronized int notInKafka() {
        return notInKafka.size();
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
        return new Latencies(
                fromCommit.take(measured),
                fromIntended.take(measured),
                toKafka.take(measured),
                fromKafka.take(measured));
    }

    public Latencies total() {
        return new Latencies(fromCommit.total(), fromIntended.total(), toKafka.total(), fromKafka.total());
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
