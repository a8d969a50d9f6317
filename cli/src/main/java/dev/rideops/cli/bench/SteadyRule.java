package dev.rideops.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * When a warm-up is over: the pipeline is steady at the target rate when, over the last {@value #WINDOW} intervals,
 * each interval's achieved rate is within 2 % of the target, the consumer lag is not growing ({@link LagTrend}), and
 * the intervals' snapshot p99s are within 20 % of each other (the highest at most 1.2 times the lowest). A fresh
 * stack's JIT compilers, caches and search merges take minutes to settle; until then the figures describe the
 * warming, not the pipeline. Pure: fed the intervals so far, it says what is not steady yet.
 */
final class SteadyRule {

    static final int WINDOW = 3;
    static final double RATE_TOLERANCE = 0.02;
    static final double P99_SPREAD = 0.20;

    /** The rule in one sentence, for result.json's method. */
    static final String DESCRIPTION = "automatic warm-up: steady once the last " + WINDOW + " intervals each achieve "
            + "the target rate within " + percent(RATE_TOLERANCE) + ", consumer lag is not growing (slope at most "
            + percent(LagTrend.GROWTH_LIMIT) + " of the target per second) and their snapshot p99s are within "
            + percent(P99_SPREAD) + " of each other (highest <= " + (1 + P99_SPREAD) + " x lowest); the warm-up "
            + "ends there or at its bound";

    /** Whether the rule holds, and otherwise what does not hold yet, in words. */
    record Verdict(boolean steady, List<String> unsteady) {

        /** {@code steady} or the reasons, for a progress line. */
        String describe() {
            return steady ? "steady" : "not steady yet: " + String.join("; ", unsteady);
        }
    }

    private SteadyRule() {}

    static Verdict judge(List<Interval> intervals) {
        if (intervals.size() < WINDOW) {
            return new Verdict(false, List.of(intervals.size() + " of " + WINDOW + " intervals so far"));
        }
        List<Interval> window = intervals.subList(intervals.size() - WINDOW, intervals.size());
        List<String> unsteady = new ArrayList<>();
        rateOffTarget(window, unsteady);
        lagGrowing(window, unsteady);
        p99Spread(window, unsteady);
        return new Verdict(unsteady.isEmpty(), List.copyOf(unsteady));
    }

    private static void rateOffTarget(List<Interval> window, List<String> unsteady) {
        Interval worst = window.get(0);
        for (Interval i : window) {
            if (offTarget(i) > offTarget(worst)) {
                worst = i;
            }
        }
        if (offTarget(worst) > RATE_TOLERANCE) {
            unsteady.add(String.format(
                    Locale.ROOT,
                    "achieved %.0f/s is %.1f %% off the target %d/s",
                    worst.achievedEps(),
                    offTarget(worst) * 100,
                    worst.targetEps()));
        }
    }

    private static double offTarget(Interval i) {
        return Math.abs(i.achievedEps() - i.targetEps()) / i.targetEps();
    }

    private static void lagGrowing(List<Interval> window, List<String> unsteady) {
        int target = window.get(window.size() - 1).targetEps();
        double slope = LagTrend.fit(window);
        if (LagTrend.growing(slope, target)) {
            unsteady.add(String.format(Locale.ROOT, "consumer lag growing by %.0f records/s", slope));
        }
    }

    private static void p99Spread(List<Interval> window, List<String> unsteady) {
        List<Double> p99s = window.stream().map(i -> i.snapshot().p99()).toList();
        if (p99s.stream().anyMatch(Objects::isNull)) {
            unsteady.add("no snapshot latency in every interval");
            return;
        }
        double lowest = p99s.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double highest = p99s.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (highest > lowest * (1 + P99_SPREAD)) {
            unsteady.add(String.format(
                    Locale.ROOT,
                    "snapshot p99 ranges %.0f-%.0f ms, more than %s apart",
                    lowest,
                    highest,
                    percent(P99_SPREAD)));
        }
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + " %";
    }
}
