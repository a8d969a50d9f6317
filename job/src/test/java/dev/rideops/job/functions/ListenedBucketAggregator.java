package dev.rideops.job.functions;

import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.testutils.MetricListener;

/** The aggregator as the tests run it, with its counters where the test reads them. */
final class ListenedBucketAggregator extends BucketAggregator {

    static final long EMIT_MS = 200;
    static final long LATENESS_MS = 60_000;
    static final long RETENTION_MS = 7_200_000;

    private final transient MetricListener metrics;

    ListenedBucketAggregator(MetricListener metrics) {
        super(EMIT_MS, LATENESS_MS, RETENTION_MS, 8 * RETENTION_MS);
        this.metrics = metrics;
    }

    @Override
    MetricGroup metricGroup() {
        return metrics.getMetricGroup();
    }
}
