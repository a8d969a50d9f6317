package dev.rideops.cli.bench;

import java.util.List;

/**
 * One rate held for a while: what was asked, what was achieved, commit-to-visible latency over the measured part
 * (after the warm-up), and whether the lag stayed bounded. {@code warmupSeconds} is how long the warm-up took,
 * {@code warmupSteady} whether {@link SteadyRule} held when it ended (false when it ran into its bound).
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
        List<Interval> intervals) {

    public record Latency(Percentiles snapshot, Percentiles search) {}

    /** Whether the step meets a p99 objective for the snapshot with bounded lag and nothing left unseen. */
    public boolean holds(double sloMs) {
        Double p99 = latencyMs.snapshot().p99();
        return p99 != null && p99 <= sloMs && lagBounded && notVisibleAtEnd == 0;
    }
}
