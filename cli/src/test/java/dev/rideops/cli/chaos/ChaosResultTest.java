package dev.rideops.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.output.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosResultTest {

    @Test
    void jsonNamesEachStageInSecondsAndTheTableSaysWhatHappened() {
        ChaosRun.Result r = new ChaosRun.Result(
                "kill-taskmanager",
                "flink-taskmanager-1",
                dev.rideops.scenarios.FaultAction.KILL,
                4242,
                5.1,
                12.2,
                21.6,
                23.2,
                false,
                9.5,
                ChaosRun.JOB_FAILED_OVER,
                "a",
                "a",
                false,
                Map.of("consumer lag (records)", "18 (limit 50000)", "snapshot freshness", "0.8 s behind"),
                null);

        JsonNode json = Json.mapper().valueToTree(r);

        List<String> keys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "fault",
                        "service",
                        "action",
                        "pid",
                        "down_s",
                        "service_healthy_s",
                        "first_checkpoint_s",
                        "caught_up_s",
                        "rode_through",
                        "peak_behind_s",
                        "job",
                        "job_before",
                        "job_after",
                        "connector_task_restarted",
                        "health",
                        "schema");
        assertThat(json.path("down_s").asDouble()).isEqualTo(5.1);
        assertThat(json.path("service_healthy_s").asDouble()).isEqualTo(12.2);
        assertThat(json.path("first_checkpoint_s").asDouble()).isEqualTo(21.6);
        assertThat(json.path("caught_up_s").asDouble()).isEqualTo(23.2);
        assertThat(json.path("rode_through").asBoolean()).isFalse();
        assertThat(json.path("peak_behind_s").asDouble()).isEqualTo(9.5);
        assertThat(json.path("job").asText()).startsWith("failed over");
        assertThat(json.path("job_before").asText()).isEqualTo("a");
        assertThat(json.path("pid").asLong()).isEqualTo(4242);
        assertThat(json.path("connector_task_restarted").asBoolean()).isFalse();
        List<String[]> rows = ChaosRun.rows(r);
        assertThat(r.asExpected()).isTrue();
        assertThat(rows.get(6)[1]).isEqualTo("-");
        assertThat(rows.get(4)[1])
                .isEqualTo("23.2 s after the fault (consumer lag 18 (limit 50000), snapshot " + "0.8 s behind)");
        assertThat(rows.get(7)[1]).isEqualTo("9.5 s behind the source (read every 2 s from the fault on)");
    }

    @Test
    void aPipelineThatRodeTheFaultOutSaysSoAndAnUnreadSnapshotIsUnknown() {
        ChaosRun.Result r = new ChaosRun.Result(
                "kill-broker",
                "kafka-1",
                dev.rideops.scenarios.FaultAction.KILL,
                4242,
                15.0,
                51.0,
                3.1,
                21.4,
                true,
                null,
                ChaosRun.JOB_KEPT_RUNNING,
                "a",
                "a",
                false,
                Map.of("consumer lag (records)", "18 (limit 50000)", "snapshot freshness", "0.8 s behind"),
                null);

        JsonNode json = Json.mapper().valueToTree(r);
        assertThat(json.path("rode_through").asBoolean()).isTrue();
        assertThat(json.path("peak_behind_s").isNull()).isTrue();
        List<String[]> rows = ChaosRun.rows(r);
        assertThat(rows.get(4)[1])
                .isEqualTo("21.4 s after the fault, before the service was healthy again (consumer lag 18 (limit "
                        + "50000), snapshot 0.8 s behind)");
        assertThat(rows.get(7)[1]).isEqualTo("unknown");
    }
}
