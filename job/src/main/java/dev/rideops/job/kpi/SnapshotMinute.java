package dev.rideops.job.kpi;

/**
 * A row of {@code mart.snapshot_metric_minute}: a current-state count (drivers by status, open bookings) as it stood
 * in a UTC minute, so the dashboard can draw it over time. The minute is that of the newest change the count had
 * applied (its event time); a later value for the same minute replaces an earlier one, so each minute keeps the
 * value after its last change. A minute in which the count did not move gets no row.
 */
public class SnapshotMinute {
    public long bucketStart;
    public String metric;
    public double value;
    public long lastUpdated;

    public SnapshotMinute() {}

    public SnapshotMinute(long bucketStart, String metric, double value, long lastUpdated) {
        this.bucketStart = bucketStart;
        this.metric = metric;
        this.value = value;
        this.lastUpdated = lastUpdated;
    }

    /** The minute row of a current-state value the snapshot aggregator emitted. */
    public static SnapshotMinute of(SnapshotRow current) {
        return new SnapshotMinute(
                Granularity.MINUTE.bucketStart(current.lastUpdated),
                current.metric,
                current.value,
                current.lastUpdated);
    }

    /** The row's primary key in the mart: one value per metric and minute. */
    public String key() {
        return bucketStart + "|" + metric;
    }

    @Override
    public String toString() {
        return metric + "@" + bucketStart + "=" + value;
    }
}
