package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.Profiles;
import java.util.List;
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
        return LoadedChaos.result(
                fault,
                Profiles.fault(fault).verifyDiffers(),
                new FaultLoad.Result<>(
                        PausedBrokerRun.measured(PausedBrokerRun.recovery(fault, null)),
                        verified,
                        verified ? 0L : 5L,
                        differed));
    }
}
