package dev.rideops.job.kpi;

/**
 * The running totals of one bucket and how contributions change them. Pure: the Flink operator keeps the {@link
 * BucketTotals} in one keyed value and the members in a map state; tests use a set.
 */
public final class Bucket {

    private final BucketTotals totals;
    private final BucketMembers members;

    public Bucket(BucketTotals totals, BucketMembers members) {
        this.totals = totals;
        this.members = members;
    }

    public BucketTotals totals() {
        return totals;
    }

    /**
     * Adds a contribution; returns whether it changed the metric. A member of a distinct metric arriving after
     * {@link #closeDistinct()} cannot be told from one already counted: it changes nothing and counts as a late
     * event.
     */
    public boolean add(Metric metric, double value, Long member) throws Exception {
        if (metric.aggregation() == Aggregation.DISTINCT) {
            if (totals.closed(metric)) {
                totals.addRow(Metric.LATE_EVENTS, 1);
                return false;
            }
            if (!members.add(metric, member)) {
                return false;
            }
            totals.countMember(metric, 1);
            return true;
        }
        totals.addRow(metric, value);
        return true;
    }

    /**
     * Takes back a contribution added before: a sum loses the value and a count or mean one row, exactly as the
     * source's aggregate loses a deleted or changed row; a metric left with no rows has no value again. A distinct
     * member leaves (the caller keeps how many rows each member had); after {@link #closeDistinct()} it cannot, and
     * counts as a late event. Returns whether it changed the metric; nothing to take back changes nothing.
     */
    public boolean retract(Metric metric, double value, Long member) throws Exception {
        if (metric.aggregation() == Aggregation.DISTINCT) {
            if (totals.closed(metric)) {
                totals.addRow(Metric.LATE_EVENTS, 1);
                return false;
            }
            if (!members.remove(metric, member)) {
                return false;
            }
            totals.countMember(metric, -1);
            return true;
        }
        return totals.retractRow(metric, value);
    }

    /** Whether the members of this distinct metric were already dropped (the bucket is past its allowed lateness). */
    public boolean closed(Metric metric) {
        return totals.closed(metric);
    }

    public Double value(Metric metric) {
        return totals.value(metric);
    }

    /** Forgets the members of distinct metrics once the bucket is past its allowed lateness, keeping the counts. */
    public void closeDistinct() throws Exception {
        totals.closeDistinct();
        members.clear();
    }
}
