package dev.rideops.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fixed-rate run against {@code --slo}: it holds when the snapshot p99 over the measured part is at most the SLO
 * and the achieved rate falls short of the target by at most 2 % (a pipeline that keeps its latency only by taking
 * less load does not hold).
 */
final class SloVerdict {

    static final double RATE_SHORTFALL = 0.02;

    private SloVerdict() {}

    /** What the step missed, in words; empty when it holds. */
    static List<String> misses(StepResult step, Duration slo) {
        List<String> misses = new ArrayList<>();
        Double p99 = step.latencyMs().snapshot().p99();
        if (p99 == null) {
            misses.add("no snapshot latency was measured");
        } else if (p99 > slo.toMillis()) {
            misses.add(
                    String.format(Locale.ROOT, "snapshot p99 %.1f ms exceeds the SLO of %d ms", p99, slo.toMillis()));
        }
        double shortfall = (step.targetEps() - step.achievedEps()) / step.targetEps();
        if (shortfall > RATE_SHORTFALL) {
            misses.add(String.format(
                    Locale.ROOT,
                    "achieved %.1f/s is %.1f %% short of the target %d/s (more than %.0f %%)",
                    step.achievedEps(),
                    shortfall * 100,
                    step.targetEps(),
                    RATE_SHORTFALL * 100));
        }
        return misses;
    }
}
