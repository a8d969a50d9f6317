package dev.rideops.cli.exporter;

import dev.rideops.clients.reporting.MartActivity.MinuteValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The match and cancel rates of the last minutes and of the half hour before them, from the mart's MINUTE buckets:
 * a falling match rate is judged against the pipeline's own recent past, not a fixed number. Both windows end at
 * the newest bucket's start, as that bucket is still filling; anchored there rather than at the clock, a pipeline
 * that lags shifts them instead of emptying them (the freshness alert speaks for the lag).
 *
 * <p>A rate is null when its window saw no request. Rates are sums over the window (accepted / requested), not
 * means of the per-minute ratios, so a quiet minute does not weigh as much as a busy one.
 */
public record KpiWindows(
        long requestedRecent,
        long requestedBaseline,
        Double matchRate,
        Double matchRateBaseline,
        Double cancelRate,
        Double cancelRateBaseline) {

    static final String REQUESTED = "rides_requested";
    static final String ACCEPTED = "rides_accepted";
    static final String CANCELLED = "rides_cancelled";
    static final List<String> METRICS = List.of(REQUESTED, ACCEPTED, CANCELLED);

    /** Where the buckets to read start, for {@link #of}. */
    static Instant from(Instant newestBucket, Duration recent, Duration baseline) {
        return newestBucket.minus(recent).minus(baseline);
    }

    /**
     * @param values MINUTE values of {@link #METRICS}, at least those from {@link #from} to {@code newestBucket}
     * @param newestBucket the start of the newest MINUTE bucket in the mart
     */
    static KpiWindows of(List<MinuteValue> values, Instant newestBucket, Duration recent, Duration baseline) {
        Instant recentFrom = newestBucket.minus(recent);
        Instant baselineFrom = recentFrom.minus(baseline);
        double[] recentSums = new double[METRICS.size()];
        double[] baselineSums = new double[METRICS.size()];
        for (MinuteValue v : values) {
            int metric = METRICS.indexOf(v.metric());
            if (metric < 0 || !v.bucketStart().isBefore(newestBucket)) {
                continue;
            }
            if (!v.bucketStart().isBefore(recentFrom)) {
                recentSums[metric] += v.value();
            } else if (!v.bucketStart().isBefore(baselineFrom)) {
                baselineSums[metric] += v.value();
            }
        }
        return new KpiWindows(
                Math.round(recentSums[0]),
                Math.round(baselineSums[0]),
                ratio(recentSums[1], recentSums[0]),
                ratio(baselineSums[1], baselineSums[0]),
                ratio(recentSums[2], recentSums[0]),
                ratio(baselineSums[2], baselineSums[0]));
    }

    private static Double ratio(double part, double requested) {
        return requested > 0 ? part / requested : null;
    }
}
