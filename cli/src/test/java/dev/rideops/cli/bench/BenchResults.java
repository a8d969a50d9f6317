package dev.rideops.cli.bench;

import java.util.List;
import java.util.Map;

/** Bench results for tests, for what reads a whole run (the printed table, the results directory). */
public final class BenchResults {

    private BenchResults() {}

    /**
     * A fixed-rate run of one step, whose figures (CPU per change too) are the run's: no verify, no SLO, at 18:00 on
     * the city's clock with a ping every 4 s per driver, on 2 cores whose CPU probe took 180 ms.
     */
    public static BenchResult fixedRun(StepResult step, BatchUnderLoad.Result batch) {
        return new BenchResult(
                "2026-11-29T10:00:00Z",
                BenchMode.FIXED,
                "flags",
                step.targetEps(),
                step.achievedEps(),
                step.warmupSeconds(),
                step.warmupSteady(),
                step.latencyMs(),
                step.maxConsumerLag(),
                step.maxCdcLagBytes(),
                step.lagBounded(),
                step.coresPer1kEps(),
                step.coresPer1kEpsByService(),
                4.0,
                18,
                "fixed",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(step),
                Map.of("cores", 2, "cpu_probe_ms", Map.of("before", 180L)),
                Map.of("rates", List.of(step.targetEps())),
                List.of(),
                batch);
    }
}
