package dev.rideops.job.kpi;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The running totals of one bucket and how they become metric values. Pure: the Flink operator keeps an instance
 * of these numbers in keyed state; tests use it directly.
 */
public final class BucketState {

    private final Map<Metric, double[]> sums = new HashMap<>();
    private final Map<Metric, Set<Long>> members = new HashMap<>();
    private final Map<Metric, Integer> closedCounts = new HashMap<>();

    /**
     * Adds a contribution; returns whether it changed the metric. A member of a distinct metric arriving after
     * {@link #closeDistinct()} cannot be told from one already counted: it changes nothing and counts as a late
     * event.
     */
    public boolean add(Metric metric, double value, Long member) {
        if (metric.aggregation() == Aggregation.DISTINCT) {
            if (closedCounts.containsKey(metric)) {
                add(Metric.LATE_EVENTS, 1, null);
                return false;
            }
            return members.computeIfAbsent(metric, m -> new HashSet<>()).add(member);
        }
        double[] s = sums.computeIfAbsent(metric, m -> new double[2]);
        s[0] += value;
        s[1] += 1;
        return true;
    }

    /**
     * Takes back a contribution added before: a sum loses the value and a count or mean one row, exactly as the
     * source's aggregate loses a deleted or changed row; a metric left with no rows has no value again. A distinct
     * member leaves the set (the caller keeps how many rows each member had); after {@link #closeDistinct()} it cannot,
     * and counts as a late event. Returns whether it changed the metric; nothing to take back changes nothing.
     */
    public boolean retract(Metric metric, double value, Long member) {
        if (metric.aggregation() == Aggregation.DISTINCT) {
            if (closedCounts.containsKey(metric)) {
                add(Metric.LATE_EVENTS, 1, null);
                return false;
            }
            Set<Long> set = members.get(metric);
            if (set == null || !set.remove(member)) {
                return false;
            }
            if (set.isEmpty()) {
                members.remove(metric);
            }
            return true;
        }
        double[] s = sums.get(metric);
        if (s == null) {
            return false;
        }
        s[0] -= value;
        s[1] -= 1;
        if (s[1] < 0.5) {
            sums.remove(metric);
        }
        return true;
    }

    /** Whether the members of this distinct metric were already dropped (the bucket is past its allowed lateness). */
    public boolean closed(Metric metric) {
        return closedCounts.containsKey(metric);
    }

    /** The metric's value, or null when the bucket has nothing for it (or a ratio has a zero denominator). */
    public Double value(Metric metric) {
        switch (metric.aggregation()) {
            case COUNT:
                return count(metric);
            case SUM:
                return sums.containsKey(metric) ? sums.get(metric)[0] : null;
            case MEAN:
                return sums.containsKey(metric) ? sums.get(metric)[0] / sums.get(metric)[1] : null;
            case DISTINCT:
                if (closedCounts.containsKey(metric)) {
                    return (double) closedCounts.get(metric);
                }
                return members.containsKey(metric)
                        ? (double) members.get(metric).size()
                        : null;
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

    /** Forgets the members of distinct metrics once the bucket is past its allowed lateness, keeping the counts. */
    public void closeDistinct() {
        members.forEach((metric, set) -> closedCounts.put(metric, set.size()));
        members.clear();
    }

    private Double count(Metric metric) {
        return sums.containsKey(metric) ? sums.get(metric)[1] : null;
    }
}
