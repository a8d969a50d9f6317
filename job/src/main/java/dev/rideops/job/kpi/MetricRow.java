package dev.rideops.job.kpi;

/** A row of {@code mart.fact_metric_bucket}. */
public class MetricRow {
    public long bucketStart;
    public String granularity;
    public String metric;
    public double value;
    /** True when the bucket no longer has a value for the metric (its last row was deleted or changed away). */
    public boolean removed;

    public MetricRow() {}

    public MetricRow(long bucketStart, String granularity, String metric, double value) {
        this.bucketStart = bucketStart;
        this.granularity = granularity;
        this.metric = metric;
        this.value = value;
    }

    /** The metric has no value in the bucket any more: its mart row goes. */
    public static MetricRow removed(long bucketStart, String granularity, String metric) {
        MetricRow r = new MetricRow(bucketStart, granularity, metric, 0);
        r.removed = true;
        return r;
    }

    @Override
    public String toString() {
        return granularity + "@" + bucketStart + " " + metric + (removed ? " removed" : "=" + value);
    }
}
