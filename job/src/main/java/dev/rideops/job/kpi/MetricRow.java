package dev.rideops.job.kpi;

/** A row of {@code mart.fact_metric_bucket}. */
public class MetricRow {
    public long bucketStart;
    public String granularity;
    public String metric;
    public double value;

    public MetricRow() {}

    public MetricRow(long bucketStart, String granularity, String metric, double value) {
        this.bucketStart = bucketStart;
        this.granularity = granularity;
        this.metric = metric;
        this.value = value;
    }

    @Override
    public String toString() {
        return granularity + "@" + bucketStart + " " + metric + "=" + value;
    }
}
