package dev.rideops.cli.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Runs a plan's steps: each of its rates in turn, or a search for the highest rate that holds. */
final class StepSequence {

    /** The steps run, and the search's answer (null unless the plan searched). */
    record Outcome(List<StepResult> steps, Integer maxSustainable) {

        /** The step the top-level figures describe: the highest rate that held in a search, else the last one. */
        StepResult headline() {
            StepResult last = steps.get(steps.size() - 1);
            if (maxSustainable != null && maxSustainable > 0) {
                return steps.stream()
                        .filter(s -> s.targetEps() == maxSustainable)
                        .max(Comparator.comparingDouble(StepResult::achievedEps))
                        .orElse(last);
            }
            return last;
        }
    }

    static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int FIND_MAX_CEILING = 100_000;
    private static final int FIND_MAX_RESOLUTION = 500;
    private static final int FIND_MAX_PROBES = 8;
    /**
     * With a fixed warm-up, the first find-max probe warms up at least this long at the start rate: on a fresh stack
     * the JIT compilers and the search node's first merges take minutes, and a cold first probe failed at a fifth
     * of the warm maximum. The automatic warm-up waits for that by itself.
     */
    static final Duration FIND_MAX_SETTLE = Duration.ofMinutes(3);

    private final StepRunner runner;
    private final PrintWriter err;

    StepSequence(StepRunner runner, PrintWriter err) {
        this.runner = runner;
        this.err = err;
    }

    Outcome run(BenchRun.Plan plan) {
        return plan.mode() == BenchMode.FIND_MAX ? findMax(plan) : eachRate(plan);
    }

    private Outcome eachRate(BenchRun.Plan plan) {
        List<StepResult> steps = new ArrayList<>();
        for (int rate : plan.rates()) {
            err.printf(Locale.ROOT, "rideops: %d changes/s for %s%n", rate, plan.step());
            err.flush();
            steps.add(runner.run(rate, plan.step(), plan.warmup(), INTERVAL));
        }
        return new Outcome(steps, null);
    }

    private Outcome findMax(BenchRun.Plan plan) {
        List<StepResult> steps = new ArrayList<>();
        int found = MaxRateSearch.find(
                plan.rates().get(0), FIND_MAX_CEILING, FIND_MAX_RESOLUTION, FIND_MAX_PROBES, rate -> {
                    Warmup warmup = steps.isEmpty()
                                    && plan.warmup() instanceof Warmup.Fixed fixed
                                    && fixed.length().compareTo(FIND_MAX_SETTLE) < 0
                            ? new Warmup.Fixed(FIND_MAX_SETTLE)
                            : plan.warmup();
                    err.printf(
                            Locale.ROOT,
                            "rideops: trying %d changes/s (after a warm-up: %s)%n",
                            rate,
                            warmup.describe());
                    StepResult r = runner.run(rate, plan.step(), warmup, INTERVAL);
                    steps.add(r);
                    return r.holds(plan.slo());
                });
        return new Outcome(steps, found);
    }
}
