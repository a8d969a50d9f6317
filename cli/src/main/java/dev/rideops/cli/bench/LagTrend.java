package dev.rideops.cli.bench;

import java.util.List;

/**
 * Whether consumer lag grows over a step: the least-squares slope of the job source's unfetched records against
 * time (records/s). Lag is bounded when it does not grow by more than 1 % of the target rate per second and ends
 * within two seconds' worth of changes (or 1,000 records).
 */
final class LagTrend {

    private LagTrend() {}

    static double slope(List<Interval> intervals) {
        List<Interval> measured = intervals.stream()
                .filter(i -> !i.warmup() && i.consumerLag() >= 0)
                .toList();
        int n = measured.size();
        if (n < 2) {
            return 0;
        }
        double meanX =
                measured.stream().mapToDouble(Interval::endSeconds).average().orElse(0);
        double meanY =
                measured.stream().mapToDouble(Interval::consumerLag).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Interval i : measured) {
            num += (i.endSeconds() - meanX) * (i.consumerLag() - meanY);
            den += (i.endSeconds() - meanX) * (i.endSeconds() - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    static boolean bounded(List<Interval> intervals, int targetEps) {
        List<Interval> measured = intervals.stream().filter(i -> !i.warmup()).toList();
        if (measured.isEmpty()) {
            return false;
        }
        long last = measured.get(measured.size() - 1).consumerLag();
        return last >= 0 && last <= Math.max(1000, 2L * targetEps) && slope(intervals) <= 0.01 * targetEps;
    }
}
