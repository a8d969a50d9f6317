package dev.rideops.job.kpi;

/** A row of {@code mart.latest_metric_snapshot}; {@code lastUpdated} is the event time of its latest change. */
public class SnapshotRow {
    public String metric;
    public double value;
    public long lastUpdated;
    /** True when the bucket at {@code lastUpdated} no longer has a value for the metric (a retraction emptied it). */
    public boolean removed;

    public SnapshotRow() {}

    public SnapshotRow(String metric, double value, long lastUpdated) {
        this.metric = metric;
        this.value = value;
        this.lastUpdated = lastUpdated;
    }

    /** The metric's value in the MINUTE bucket starting at {@code bucketStart} is gone. */
    public static SnapshotRow removed(String metric, long bucketStart) {
        SnapshotRow r = new SnapshotRow(metric, 0, bucketStart);
        r.removed = true;
        return r;
    }

    @Override
    public String toString() {
        return metric + "=" + value;
    }
}
