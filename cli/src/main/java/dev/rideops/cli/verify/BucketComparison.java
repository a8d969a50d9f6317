package dev.rideops.cli.verify;

import dev.rideops.cli.verify.MetricDefinitions.BucketMetric;
import dev.rideops.cli.verify.MetricDefinitions.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares bucket metrics recomputed from the source with the mart's rows, metric by metric. A metric with no
 * contribution in a bucket has no mart row, so a zero count on the source side means "absent"; a ratio is derived
 * from its source numerator and denominator exactly as the job derives it (absent while the denominator is 0).
 */
public final class BucketComparison {

    private BucketComparison() {}

    public static List<CheckResult> compare(
            MetricDefinitions definitions,
            Map<BucketKey, Map<String, Double>> source,
            Map<BucketKey, Map<String, Double>> mart) {
        TreeSet<BucketKey> buckets = new TreeSet<>(source.keySet());
        buckets.addAll(mart.keySet());
        List<CheckResult> results = new ArrayList<>();
        for (BucketMetric metric : definitions.bucketMetrics()) {
            if (!metric.checkable()) {
                continue;
            }
            long checked = 0;
            long mismatches = 0;
            double worstDifference = -1;
            String worst = "";
            Mismatch.First mismatched = new Mismatch.First();
            for (BucketKey bucket : buckets) {
                Double expected = expected(definitions, metric, source.getOrDefault(bucket, Map.of()));
                Double actual = mart.getOrDefault(bucket, Map.of()).get(metric.metric());
                if (expected == null && actual == null) {
                    continue;
                }
                checked++;
                if (!Tolerance.matches(metric.kind(), expected, actual)) {
                    mismatches++;
                    mismatched.add(new Mismatch(bucket.asKey(), expected, actual));
                    double difference = Tolerance.difference(expected, actual);
                    if (difference > worstDifference) {
                        worstDifference = difference;
                        worst = bucket + ": source " + format(expected) + ", mart " + format(actual);
                    }
                }
            }
            results.add(new CheckResult(
                    metric.metric(), "mart.fact_metric_bucket", checked, mismatches, worst, mismatched.list()));
        }
        return results;
    }

    /** The metric's value for a bucket from the source aggregates, null when the mart should have no row. */
    static Double expected(MetricDefinitions definitions, BucketMetric metric, Map<String, Double> bucket) {
        if (metric.kind() == Kind.RATIO) {
            Double denominator = expected(definitions, find(definitions, metric.denominator()), bucket);
            if (denominator == null || denominator == 0) {
                return null;
            }
            Double numerator = expected(definitions, find(definitions, metric.numerator()), bucket);
            return numerator == null ? 0.0 : numerator / denominator;
        }
        Double value = bucket.get(metric.metric());
        if (metric.kind() == Kind.COUNT && value != null && value == 0) {
            return null;
        }
        return value;
    }

    private static BucketMetric find(MetricDefinitions definitions, String name) {
        return definitions.bucketMetrics().stream()
                .filter(m -> m.metric().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ratio refers to unknown metric " + name));
    }

    static String format(Double value) {
        if (value == null) {
            return "no row";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return String.format(Locale.ROOT, "%.9g", value);
    }
}
