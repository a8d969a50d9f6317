package dev.rideops.cli.chaos;

import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.bench.Percentiles;
import dev.rideops.scenarios.FaultAction;
import java.util.List;
import java.util.Map;

/**
 * A broker paused under 1000/s, for tests: kafka-1 paused at 20 s while the job kept running, back at 23.2 s; the
 * snapshot p99 150 ms before and after it and 9 s during it, the consumer lag peaking at 41,000 records.
 */
final class PausedBrokerRun {

    private PausedBrokerRun() {}

    /** The recovery as the fault named {@code fault} saw it, with what a schema change did (null: none made). */
    static ChaosRun.Result recovery(String fault, SchemaOutcome schema) {
        return new ChaosRun.Result(
                fault,
                "kafka-1",
                FaultAction.PAUSE,
                4242,
                20.0,
                20.4,
                21.6,
                23.2,
                false,
                null,
                ChaosRun.JOB_KEPT_RUNNING,
                "a",
                "a",
                false,
                Map.of(),
                schema);
    }

    /** The load around the fault: 30 s before, 25 s during, 30 s after. */
    static FaultLoad.Measured<ChaosRun.Result> measured(ChaosRun.Result recovery) {
        Percentiles calm = new Percentiles(1000, 80.0, 120.0, 150.0, 180.0, 200.0);
        Percentiles stalled = new Percentiles(900, 3000.0, 8000.0, 9000.0, 9400.0, 9500.0);
        return new FaultLoad.Measured<>(
                recovery,
                1000,
                70.0,
                93.2,
                List.of(
                        new FaultLoad.PhaseFigures(FaultLoad.Phase.BEFORE, 30, 1001.0, calm, 120),
                        new FaultLoad.PhaseFigures(FaultLoad.Phase.DURING, 25, 998.0, stalled, 41_000),
                        new FaultLoad.PhaseFigures(FaultLoad.Phase.AFTER, 30, 1000.0, calm, 300)),
                41_000,
                0,
                List.of());
    }
}
