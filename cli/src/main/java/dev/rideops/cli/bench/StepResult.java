package dev.rideops.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rate held for a while: what was asked, what was achieved, commit-to-visible latency over the measured part
 * (after the warm-up), and whether the lag stayed bounded. {@code warmupSeconds} is how long the warm-up took,
 * {@code warmupSteady} whether {@link SteadyRule} held when it ended (false when it ran into its bound).
 * {@code coresPer1kEps}: CPU cores per 1,000 changes/s ({@link CpuPerChange}; named by hand, as snake_case would
 * write {@code cores_per1k_eps}). {@code meanPingIntervalSeconds}: event-time seconds between two pings of one online
 * driver in the generated city (the rate comes from more drivers, not faster pings).
 */
public record StepResult(
        int targetEps,
        double achievedEps,
        double measuredSeconds,
        double warmupSeconds,
        boolean warmupSteady,
        Latency latencyMs,
        long maxConsumerLag,
        long maxCdcLagBytes,
        double consumerLagSlope,
        boolean lagBounded,
        long notVisibleAtEnd,
        @JsonProperty("cores_per_1k_eps") Double coresPer1kEps,
        @JsonProperty("cores_per_1k_eps_by_service") Map<String, Double> coresPer1kEpsByService,
        List<Interval> intervals,
        Double meanPingIntervalSeconds) {

    /** This result with the generator's mean ping interval per online driver. */
    public StepResult withMeanPingIntervalSeconds(double seconds) {
        return new StepResult(
                targetEps,
                achievedEps,
                measuredSeconds,
                warmupSeconds,
                warmupSteady,
                latencyMs,
                maxConsumerLag,
                maxCdcLagBytes,
                consumerLagSlope,
                lagBounded,
                notVisibleAtEnd,
                coresPer1kEps,
                coresPer1kEpsByService,
                intervals,
                Math.round(seconds * 100) / 100.0);
    }

    /**
     * From the commit returning, and from when the commit was meant to start (no coordinated omission); and the path
     * split at Kafka, as {@link Interval} has it.
     */
    public record Latency(
            Percentiles snapshot,
            Percentiles search,
            Percentiles snapshotIntended,
            Percentiles searchIntended,
            Percentiles kafka,
            Percentiles snapshotFromKafka,
            Percentiles searchFromKafka) {}

    /**
     * Whether the step meets a p99 objective for the snapshot at its target rate ({@link SloVerdict}: a generator
     * that fell behind kept its latency only by taking less load), with bounded lag and nothing left unseen.
     */
    public boolean holds(Duration slo) {
        return SloVerdict.misses(this, slo).isEmpty() && lagBounded && notVisibleAtEnd == 0;
    }
}
