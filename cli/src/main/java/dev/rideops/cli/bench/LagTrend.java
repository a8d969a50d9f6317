package dev.rideops.cli.bench;

import java.util.List;

/**
 * Whether consumer lag grows: the least-squares slope of the job source's unfetched records against time
 * (records/s). It grows when the slope exceeds 1 % of the target rate per second. A step's lag is bounded when it
 * does not grow over the measured intervals and ends within two seconds' worth of changes (or 1,000 records).
 */
final class LagTrend {

    /** The slope, as a fraction of the target rate, beyond which lag counts as growing. */
    static final double GROWTH_LIMIT = 0.01;

    private LagTrend() {}

    /** The slope over a step's measured intervals (the warm-up left out). */
    static double slope(List<Interval> intervals) {
        return fit(intervals.stream().filter(i -> !i.warmup()).toList());
    }

    /** The slope over these intervals, those with an unknown lag left out; 0 with fewer than two. */
    static double fit(List<Interval> intervals) {
        List<Interval> known =
                intervals.stream().filter(i -> i.consumerLag() >= 0).toList();
        int n = known.size();
        if (n < 2) {
            return 0;
        }
        double meanX =
                known.stream().mapToDouble(Interval::endSeconds).average().orElse(0);
        double meanY =
                known.stream().mapToDouble(Interval::consumerLag).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Interval i : known) {
            num += (i.endSeconds() - meanX) * (i.consumerLag() - meanY);
            den += (i.endSeconds() - meanX) * (i.endSeconds() - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    static boolean growing(double slope, int targetEps) {
        return slope > GROWTH_LIMIT * targetEps;
    }

    static boolean bounded(List<Interval> intervals, int targetEps) {
        List<Interval> measured = intervals.stream().filter(i -> !i.warmup()).toList();
        if (measured.isEmpty()) {
            return false;
        }
        long last = measured.get(measured.size() - 1).consumerLag();
        return last >= 0 && last <= Math.max(1000, 2L * targetEps) && !growing(slope(intervals), targetEps);
    }
}
