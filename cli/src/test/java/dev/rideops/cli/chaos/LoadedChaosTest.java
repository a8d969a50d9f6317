package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.output.Json;
import dev.rideops.scenarios.SchemaExpectation;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadedChaosTest {

    @Test
    void anythingLostOrDoubledOrNeverSeenOrAnUnmetExpectationFailsTheRun() {
        assertThat(LoadedChaos.passed(true, 0, true)).isTrue();
        assertThat(LoadedChaos.passed(null, 0, true))
                .as("verify skipped judges nothing")
                .isTrue();
        assertThat(LoadedChaos.passed(false, 0, true)).isFalse();
        assertThat(LoadedChaos.passed(true, 3, true)).isFalse();
        assertThat(LoadedChaos.passed(true, 0, false)).isFalse();
    }

    @Test
    void jsonHasTheVerdictAndTheRecoveryTimeAndTheTableEachPhase() {
        LoadedChaos.Result r = LoadedChaos.result("pause-broker", List.of(), measured(recovery(null), false, 7L));

        JsonNode json = Json.mapper().valueToTree(r);

        assertThat(json.path("verify_passed").asBoolean(true)).isFalse();
        assertThat(json.path("verify_mismatches").asLong()).isEqualTo(7);
        assertThat(json.path("recovery_seconds").asDouble()).isEqualTo(23.2);
        assertThat(json.path("peak_consumer_lag").asLong()).isEqualTo(41_000);
        assertThat(json.path("passed").asBoolean(true)).isFalse();
        assertThat(json.path("phases").get(1).path("phase").asText()).isEqualTo("during");
        assertThat(json.path("phases").get(1).path("snapshot_ms").path("p99").asDouble())
                .isEqualTo(9000.0);
        assertThat(json.path("recovery").path("caught_up_s").asDouble()).isEqualTo(23.2);
        assertThat(LoadedChaos.phaseRows(r).get(1))
                .containsExactly("during", "25 s", "998.0", "8000.0 / 9000.0 / 9500.0", "41000");
        assertThat(LoadedChaos.verdict(r))
                .isEqualTo("FAILED: recovered 23.2 s after the fault, peak consumer lag 41000; verify FAILED "
                        + "(7 mismatches in rides_requested)");
    }

    @Test
    void aSchemaFaultThatDidNotDoWhatItsDataSaysFailsEvenWhenVerifyPasses() {
        SchemaOutcome failedOver = SchemaOutcome.judge(SchemaExpectation.KEEPS_GOING, true, true, 0, true);
        LoadedChaos.Result r =
                LoadedChaos.result("schema-add-column", List.of(), measured(recovery(failedOver), true, 0L));

        assertThat(r.passed()).isFalse();
        assertThat(LoadedChaos.verdict(r))
                .startsWith("FAILED: recovered 23.2 s after the fault")
                .contains("verify passed")
                .endsWith("NOT as expected (keeps-going): keeps-going (the job failed over); reverted");
    }

    @Test
    void aChangedColumnTheJobReadsMayMakeOnlyTheChecksItsFaultNamesDiffer() {
        List<String> touched = List.of("driver_location_updates", "active_drivers");

        assertThat(LoadedChaos.verifyJudged(false, List.of("active_drivers"), touched))
                .isTrue();
        assertThat(LoadedChaos.verifyJudged(false, List.of("active_drivers", "gmv"), touched))
                .as("a metric the change does not touch must stay exact")
                .isFalse();
        assertThat(LoadedChaos.verifyJudged(false, List.of(), touched))
                .as("a failure no check names")
                .isFalse();
        assertThat(LoadedChaos.verifyJudged(false, List.of("active_drivers"), List.of()))
                .isFalse();
        assertThat(LoadedChaos.verifyJudged(null, List.of(), touched)).isNull();

        SchemaOutcome deadLettered = SchemaOutcome.judge(SchemaExpectation.DEAD_LETTERS, true, false, 120, true);
        FaultLoad.Result<ChaosRun.Result> measured = new FaultLoad.Result<>(
                measured(recovery(deadLettered), false, 9L).measured(), false, 9L, List.of("active_drivers"));
        LoadedChaos.Result r = LoadedChaos.result("schema-drop-column", touched, measured);

        assertThat(r.passed()).isTrue();
        assertThat(Json.mapper().valueToTree(r).path("verify_differed").get(0).asText())
                .isEqualTo("active_drivers");
        assertThat(LoadedChaos.verdict(r))
                .contains("verify passed but for what the change touches (9 mismatches in active_drivers)");
        assertThat(LoadedChaos.result("schema-drop-column", List.of(), measured).passed())
                .as("the same differences from a fault that does not name them")
                .isFalse();
    }

    private static ChaosRun.Result recovery(SchemaOutcome schema) {
        return PausedBrokerRun.recovery("pause-broker", schema);
    }

    private static FaultLoad.Result<ChaosRun.Result> measured(ChaosRun.Result recovery, boolean verified, long bad) {
        return new FaultLoad.Result<>(
                PausedBrokerRun.measured(recovery), verified, bad, verified ? List.of() : List.of("rides_requested"));
    }
}
