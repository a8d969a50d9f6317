package dev.rideops.job.kpi;

/** A row of {@code mart.latest_metric_snapshot}; {@code lastUpdated} is the event time of its latest change. */
public class SnapshotRow {
    public String metric;
    public double value;
    public long lastUpdated;

    public SnapshotRow() {}

    public SnapshotRow(String metric, double value, long lastUpdated) {
        this.metric = metric;
        this.value = value;
        this.lastUpdated = lastUpdated;
    }

    @Override
    public String toString() {
        return metric + "=" + value;
    }
}
