package dev.rideops.cli.verify;

import dev.rideops.cli.verify.MetricDefinitions.SnapshotMetric;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.DeadLetters;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobContract;
import dev.rideops.contract.MartRetention;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The oracle: drains the pipeline, then recomputes every metric from the source with SQL and compares it with the
 * mart and the search index.
 */
public final class Verifier {

    /** The source counts behind each completeness figure. */
    private static final String[] COMPLETENESS = {"rides_requested", "payments", "ratings"};

    private final Connection source;
    private final Connection reporting;
    private final RestCalls search;
    private final FlinkJob flink;
    private final KafkaAccess kafka;
    private final MetricDefinitions definitions;
    private final int timeseriesRetentionDays;
    private final int minuteRetentionDays;
    private final PrintWriter err;

    public Verifier(
            Connection source,
            Connection reporting,
            RestCalls search,
            FlinkJob flink,
            KafkaAccess kafka,
            MetricDefinitions definitions,
            int timeseriesRetentionDays,
            int minuteRetentionDays,
            PrintWriter err) {
        this.source = source;
        this.reporting = reporting;
        this.search = search;
        this.flink = flink;
        this.kafka = kafka;
        this.definitions = definitions;
        this.timeseriesRetentionDays = timeseriesRetentionDays;
        this.minuteRetentionDays = minuteRetentionDays;
        this.err = err;
    }

    /**
     * Verifies buckets from the minute of {@code since} on (all when null). HOUR buckets are checked only when they
     * start inside the window, so every checked bucket is whole on both sides.
     */
    public VerifyReport verify(Instant since, Duration drainTimeout) throws SQLException {
        Duration drained =
                new Drain(source, CdcContract.SLOT, flink, kafka, JobContract.GROUP_ID, err).await(drainTimeout);
        long began = System.nanoTime();
        Instant windowStart = since == null ? null : since.truncatedTo(ChronoUnit.MINUTES);
        SourceTruth truth = new SourceTruth(source);
        MartRows mart = new MartRows(reporting);
        err.println("  recomputing " + definitions.bucketMetrics().size() + " bucket metrics from the source");
        err.flush();
        Map<BucketKey, Map<String, Double>> expected = truth.buckets(definitions, windowStart);
        // the scan starts mid-hour: the window's first HOUR bucket is partial, so it is not compared
        expected.keySet().removeIf(b -> windowStart != null && b.start().isBefore(windowStart));
        Map<BucketKey, Map<String, Double>> actual = mart.buckets(windowStart);
        Optional<Instant> oldestMinute = oldestMinuteCompared(mart.newestMinute(), minuteRetentionDays);
        if (oldestMinute.isPresent()) {
            // the job deletes older MINUTE rows (mart.retention.minute-days); their HOUR buckets are still compared
            err.println("  comparing MINUTE buckets from " + oldestMinute.get() + " (mart.retention.minute-days "
                    + minuteRetentionDays + ")");
            expected.keySet().removeIf(b -> expiredMinute(b, oldestMinute.get()));
            actual.keySet().removeIf(b -> expiredMinute(b, oldestMinute.get()));
        }
        List<CheckResult> checks = new ArrayList<>(BucketComparison.compare(definitions, expected, actual));
        Map<String, Double> snapshot = mart.snapshot();
        checks.add(pinnedSnapshot(truth, snapshot));
        checks.add(latestKpiValues(mart, snapshot));
        err.println("  checking the search index");
        err.flush();
        SearchCheck searchCheck = new SearchCheck(
                source, search, timeseriesRetentionDays, HeldPings.on(kafka, JobContract.DEAD_LETTER_TOPIC));
        checks.addAll(searchCheck.run(windowStart));

        VerifyReport.Quality quality = new VerifyReport.Quality(
                completeness(expected, actual, COMPLETENESS[0]),
                completeness(expected, actual, COMPLETENESS[1]),
                completeness(expected, actual, COMPLETENESS[2]),
                searchCheck.completeness(),
                searchCheck.duplicationRate(),
                Freshness.secondsBehind(source, reporting),
                DeadLetters.count(kafka, JobContract.DEAD_LETTER_TOPIC));
        boolean passed = checks.stream().allMatch(CheckResult::passed);
        return new VerifyReport(
                passed,
                windowStart == null ? "all" : windowStart.toString(),
                drained.toMillis(),
                (System.nanoTime() - began) / 1_000_000,
                checks,
                quality);
    }

    /**
     * The oldest MINUTE bucket verify compares: a day later than the oldest the job keeps counted from the mart's
     * newest minute, empty when every minute is kept (or there is none). The job counts from its watermark, which a
     * change that only retracts older buckets (a delete) can move to a day with no minute written yet; a day later
     * is never a minute the job has deleted, or is deleting row by row.
     */
    static Optional<Instant> oldestMinuteCompared(Instant newestMinute, int days) {
        if (newestMinute == null) {
            return Optional.empty();
        }
        return MartRetention.oldestMinuteKept(newestMinute.toEpochMilli(), days)
                .map(oldest -> oldest.plus(1, ChronoUnit.DAYS));
    }

    private static boolean expiredMinute(BucketKey bucket, Instant oldestMinute) {
        return bucket.granularity().equals("MINUTE") && bucket.start().isBefore(oldestMinute);
    }

    private CheckResult pinnedSnapshot(SourceTruth truth, Map<String, Double> snapshot) throws SQLException {
        long mismatches = 0;
        String worst = "";
        Mismatch.First mismatched = new Mismatch.First();
        for (SnapshotMetric m : definitions.snapshotMetrics()) {
            long expected = truth.count(m.sql());
            Double actual = snapshot.get(m.metric());
            // a count that never moved has no row; that is a zero
            if ((actual == null && expected != 0) || (actual != null && actual != expected)) {
                mismatches++;
                mismatched.add(new Mismatch(Mismatch.key("metric", m.metric()), expected, actual));
                if (worst.isEmpty()) {
                    worst = m.metric() + ": source " + expected + ", mart " + BucketComparison.format(actual);
                }
            }
        }
        return new CheckResult(
                "current state (pinned)",
                "mart.latest_metric_snapshot",
                definitions.snapshotMetrics().size(),
                mismatches,
                worst,
                mismatched.list());
    }

    private CheckResult latestKpiValues(MartRows mart, Map<String, Double> snapshot) throws SQLException {
        Map<String, Double> newest = mart.newestMinuteValues();
        long mismatches = 0;
        String worst = "";
        Mismatch.First mismatched = new Mismatch.First();
        for (Map.Entry<String, Double> e : new TreeMap<>(newest).entrySet()) {
            Double actual = snapshot.get(e.getKey());
            if (Tolerance.difference(e.getValue(), actual) > Tolerance.RELATIVE) {
                mismatches++;
                mismatched.add(new Mismatch(Mismatch.key("metric", e.getKey()), e.getValue(), actual));
                if (worst.isEmpty()) {
                    worst = e.getKey() + ": newest minute " + BucketComparison.format(e.getValue()) + ", snapshot "
                            + BucketComparison.format(actual);
                }
            }
        }
        return new CheckResult(
                "latest KPI values",
                "mart.latest_metric_snapshot",
                newest.size(),
                mismatches,
                worst,
                mismatched.list());
    }

    /** Mart count per source count over the window's MINUTE buckets, for one counted fact. */
    static double completeness(
            Map<BucketKey, Map<String, Double>> expected, Map<BucketKey, Map<String, Double>> actual, String metric) {
        double source = sum(expected, metric);
        return source == 0 ? 1 : sum(actual, metric) / source;
    }

    private static double sum(Map<BucketKey, Map<String, Double>> buckets, String metric) {
        return buckets.entrySet().stream()
                .filter(e -> e.getKey().granularity().equals("MINUTE"))
                .mapToDouble(e -> e.getValue().getOrDefault(metric, 0.0))
                .sum();
    }
}
