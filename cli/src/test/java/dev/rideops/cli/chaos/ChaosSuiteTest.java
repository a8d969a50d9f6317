package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.bench.Percentiles;
import dev.rideops.scenarios.FaultAction;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.Profiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suite's committed summary: one Markdown row per fault the README can quote, and what was left out. */
class ChaosSuiteTest {

    @Test
    void theSummaryIsAMarkdownTableWithEachFaultsVerdictAndTheSkippedFaultsWithTheirReason() {
        FaultScenario pause = Profiles.fault("pause-broker");
        FaultScenario drop = Profiles.fault("schema-drop-column");
        ChaosSuite.Result suite = new ChaosSuite.Result(
                "2026-11-29T04:00:00Z",
                1000,
                1,
                null,
                List.of(
                        new ChaosSuite.FaultOutcome("pause-broker", loaded("pause-broker", List.of(), true), null),
                        new ChaosSuite.FaultOutcome(
                                "schema-drop-column",
                                loaded("schema-drop-column", List.of("driver_location_updates"), false),
                                null)),
                List.of(new ChaosSuite.Skipped("latency-kafka", "needs the brokers' proxied listener")),
                true,
                null);

        String md = ChaosSuite.markdown(suite, List.of(pause, drop));

        assertThat(md)
                .contains("| fault | service | action | recovery s |")
                .contains(
                        "| `pause-broker` | kafka-1 | pause | 23.2 | 41000 | 150.0 | 9000.0 | 150.0 | passed | passed:")
                .contains("| `schema-drop-column` | source-db | schema |")
                .contains("as stated (driver_location_updates differ)")
                .contains("Skipped `latency-kafka`: needs the brokers' proxied listener");
        assertThat(md.lines().filter(l -> l.startsWith("| `"))).hasSize(2);
    }

    private static LoadedChaos.Result loaded(String fault, List<String> differed, boolean verified) {
        Percentiles calm = new Percentiles(1000, 80.0, 120.0, 150.0, 180.0, 200.0);
        Percentiles stalled = new Percentiles(900, 3000.0, 8000.0, 9000.0, 9000.0, 9500.0);
        ChaosRun.Result recovery = new ChaosRun.Result(
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
                null);
        FaultLoad.Measured<ChaosRun.Result> m = new FaultLoad.Measured<>(
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
        return LoadedChaos.result(
                fault,
                Profiles.fault(fault).verifyDiffers(),
                new FaultLoad.Result<>(m, verified, verified ? 0L : 5L, differed));
    }
}
