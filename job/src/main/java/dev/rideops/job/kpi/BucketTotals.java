package dev.rideops.job.kpi;

import java.util.Arrays;

/**
 * The numbers of one bucket, small, so that a state backend storing values as bytes (RocksDB) reads and writes a few
 * dozen bytes per contribution: two numbers per metric the bucket has seen (sum and rows for counts, sums and means;
 * a distinct metric's members in the first), which distinct metrics are closed, and what changed since the last
 * emission. Distinct members themselves are in {@link BucketMembers}. A Flink POJO, never
 * Kryo: its serializer is Flink's own.
 *
 * <p>Metrics are stored by {@link Metric#ordinal()}: a metric added to the catalogue goes after the others, or the
 * numbers in savepoints would be read as another metric's ({@code BucketTest} pins the order; the Kryo layout before
 * stored them by ordinal too).
 */
public class BucketTotals {

    /** The bit of {@link #changed} for "a retraction happened": metrics left without a value have rows to remove. */
    private static final long RETRACTED = 1L << 63;

    /** The ordinals of the metrics with numbers; metric {@code metrics[i]} has {@code numbers[2i]} and {@code [2i+1]}. */
    public byte[] metrics = new byte[0];

    public double[] numbers = new double[0];

    /** A bit per ordinal: the distinct metrics whose members were dropped (the bucket is past its lateness). */
    public long closed;

    /** A bit per ordinal: the metrics to emit at the next emission; and {@link #RETRACTED}. */
    public long changed;

    /** Whether an emission is due (its timer is set), even if nothing in {@link #changed} has a value to emit. */
    public boolean emitDue;

    public BucketTotals() {}

    /** The metric's value, or null when the bucket has nothing for it (or a ratio has a zero denominator). */
    public Double value(Metric metric) {
        int i = find(metric);
        switch (metric.aggregation()) {
            case COUNT:
                return i < 0 || !hasRows(i) ? null : numbers[2 * i + 1];
            case SUM:
                return i < 0 || !hasRows(i) ? null : numbers[2 * i];
            case MEAN:
                return i < 0 || !hasRows(i) ? null : numbers[2 * i] / numbers[2 * i + 1];
            case DISTINCT:
                // a closed metric had members when it closed, so its count is never 0
                return i < 0 || numbers[2 * i] == 0 ? null : numbers[2 * i];
            case RATIO:
                Double numerator = value(metric.numerator());
                Double denominator = value(metric.denominator());
                if (denominator == null || denominator == 0) {
                    return null;
                }
                return numerator == null ? 0.0 : numerator / denominator;
            default:
                throw new IllegalStateException("unknown aggregation " + metric.aggregation());
        }
    }

    /** Whether the members of this distinct metric were already dropped (the bucket is past its allowed lateness). */
    public boolean closed(Metric metric) {
        return (closed & bit(metric)) != 0;
    }

    /** Adds a row of this value to a count, sum or mean. */
    void addRow(Metric metric, double value) {
        int i = slot(metric);
        numbers[2 * i] += value;
        numbers[2 * i + 1] += 1;
    }

    /**
     * Takes back a row of this value; returns false when the metric has no row to take back. A metric left with no
     * rows starts again from zero, as if it had never had any.
     */
    boolean retractRow(Metric metric, double value) {
        int i = find(metric);
        if (i < 0 || !hasRows(i)) {
            return false;
        }
        numbers[2 * i] -= value;
        numbers[2 * i + 1] -= 1;
        if (!hasRows(i)) {
            numbers[2 * i] = 0;
            numbers[2 * i + 1] = 0;
        }
        return true;
    }

    /** Adds one member (+1) to a distinct metric's count, or takes one back (-1). */
    void countMember(Metric metric, int delta) {
        int i = slot(metric);
        numbers[2 * i] += delta;
    }

    /** Closes the distinct metrics that have members, keeping their counts; metrics without members stay open. */
    void closeDistinct() {
        for (int i = 0; i < metrics.length; i++) {
            Metric metric = Metric.values()[metrics[i]];
            if (metric.aggregation() == Aggregation.DISTINCT && numbers[2 * i] > 0) {
                close(metric);
            }
        }
    }

    void close(Metric metric) {
        closed |= bit(metric);
    }

    /** Sets the metric's two numbers as a bucket in the layout before had them. */
    void set(Metric metric, double first, double second) {
        int i = slot(metric);
        numbers[2 * i] = first;
        numbers[2 * i + 1] = second;
    }

    /** Marks the metric to be emitted at the next emission. */
    public void markChanged(Metric metric) {
        changed |= bit(metric);
    }

    /** Marks that a retraction happened: a changed metric without a value has its row removed. */
    public void markRetracted() {
        changed |= RETRACTED;
    }

    /** Whether a retraction happened since the last emission. */
    public boolean retracted() {
        return (changed & RETRACTED) != 0;
    }

    /** Whether the metric is to be emitted at the next emission. */
    public boolean changed(Metric metric) {
        return (changed & bit(metric)) != 0;
    }

    /** After an emission: nothing is changed and no emission is due. */
    public void emitted() {
        changed = 0;
        emitDue = false;
    }

    private boolean hasRows(int i) {
        return numbers[2 * i + 1] >= 0.5;
    }

    private static long bit(Metric metric) {
        return 1L << metric.ordinal();
    }

    private int find(Metric metric) {
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i] == metric.ordinal()) {
                return i;
            }
        }
        return -1;
    }

    /** The metric's index, made on its first contribution: a bucket holds numbers only for metrics it has seen. */
    private int slot(Metric metric) {
        int i = find(metric);
        if (i >= 0) {
            return i;
        }
        metrics = Arrays.copyOf(metrics, metrics.length + 1);
        metrics[metrics.length - 1] = (byte) metric.ordinal();
        numbers = Arrays.copyOf(numbers, numbers.length + 2);
        return metrics.length - 1;
    }
}
