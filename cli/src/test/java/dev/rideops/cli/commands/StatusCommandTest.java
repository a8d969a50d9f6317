package dev.rideops.cli.commands;

import static dev.rideops.cli.pipeline.PipelineLooks.flowingWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.pipeline.ConnectorSnapshot;
import dev.rideops.cli.pipeline.PipelineSignals;
import dev.rideops.cli.pipeline.PipelineStatus;
import dev.rideops.clients.connect.ConnectorState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline part of {@code status}: what a person reads and what {@code --json} gives a script. */
class StatusCommandTest {

    private static PipelineStatus lagging(Double lagSeconds) {
        return PipelineStatus.of("j1", "RUNNING", 3L, 1_200L, lagSeconds, 1.5, 50_000, 30);
    }

    private static String printed(PipelineStatus p) {
        StringWriter text = new StringWriter();
        StatusCommand.printPipeline(new PrintWriter(text), p);
        return text.toString();
    }

    @Test
    void theTableShowsTheLagInRecordsAndHowLongItsOldestChangeHasWaitedBesideTheAlertsLimit() {
        assertThat(printed(lagging(8.25)))
                .containsPattern("consumer lag +1200 records +50000 records")
                .containsPattern("oldest waiting +8\\.3 s +alert at 300 s");
        assertThat(printed(lagging(null))).containsPattern("oldest waiting +unknown");
    }

    /** The pipeline with a running connector, and its snapshot as Prometheus has it (null: nothing to say). */
    private static PipelineStatus withSnapshot(ConnectorSnapshot snapshot) {
        ConnectorState running = new ConnectorState(
                "rideops-source", "RUNNING", "w", List.of(new ConnectorState.Task(0, "RUNNING", "w", null)));
        return flowingWith(new PipelineSignals(running, true, 0L, 0L, List.of(), snapshot));
    }

    @Test
    void theConnectorsRowsSayHowFarItsSnapshotGotOrHowLongItTook() {
        assertThat(printed(withSnapshot(new ConnectorSnapshot(ConnectorSnapshot.RUNNING, 7, 3, 1_234_567, 130))))
                .containsPattern("connector rideops-source +RUNNING +RUNNING\\n  task 0 .*\\n"
                        + "  snapshot +running: 3 of 7 tables left, 1,234,567 events seen, 2m10s");
        assertThat(printed(withSnapshot(new ConnectorSnapshot(ConnectorSnapshot.COMPLETED, 7, 0, 5_288_143, 192))))
                .containsPattern("  snapshot +completed in 3m12s, 5,288,143 events");
        assertThat(printed(withSnapshot(new ConnectorSnapshot(ConnectorSnapshot.ABORTED, 7, 2, 900, 65))))
                .containsPattern("  snapshot +aborted after 1m5s with 2 of 7 tables left");
        assertThat(printed(withSnapshot(new ConnectorSnapshot(ConnectorSnapshot.SKIPPED, 0, 0, 0, 0))))
                .containsPattern("  snapshot +skipped: the connector's offsets hold one already");
    }

    /**
     * The table's last line is the verdict: healthy, or each problem (StackIT's text status asserted the healthy
     * line on a running stack; its JSON status there gives the same verdict as its exit code).
     */
    @Test
    void theTableEndsWithTheVerdictHealthyOrTheProblems() {
        assertThat(printed(withSnapshot(null))).startsWith("PIPELINE").endsWith("pipeline: healthy\n");
        PipelineStatus stalled = PipelineStatus.of("j1", "RUNNING", 3L, 90_000L, 4.0, 1.5, 50_000, 30);
        assertThat(stalled.healthy()).isFalse();
        assertThat(printed(stalled))
                .doesNotContain("pipeline: healthy")
                .contains("pipeline: " + String.join("; ", stalled.problems()));
    }

    /** No Prometheus, or no snapshot series in it: no row, no error. */
    @Test
    void withoutSnapshotFiguresStatusSaysNothingOfIt() throws Exception {
        String text = printed(withSnapshot(null));
        assertThat(text)
                .contains("connector rideops-source")
                .doesNotContainPattern("(?m)^  snapshot")
                .doesNotContain("unknown");

        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(withSnapshot(null)));
        assertThat(json.at("/signals/connector_snapshot").isNull()).isTrue();
        JsonNode running = Json.mapper()
                .readTree(Json.mapper()
                        .writeValueAsString(
                                withSnapshot(new ConnectorSnapshot(ConnectorSnapshot.RUNNING, 7, 3, 1_234_567, 130))));
        assertThat(running.at("/signals/connector_snapshot/tables").asLong()).isEqualTo(7);
        assertThat(running.at("/signals/connector_snapshot/duration_seconds").asLong())
                .isEqualTo(130);
    }

    @Test
    void jsonCarriesTheLagInSecondsAndNullWhenUnknown() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(lagging(8.25)));
        assertThat(json.get("lag_records").asLong()).isEqualTo(1_200);
        assertThat(json.get("lag_seconds").asDouble()).isEqualTo(8.25);

        JsonNode unknown = Json.mapper().readTree(Json.mapper().writeValueAsString(lagging(null)));
        assertThat(unknown.has("lag_seconds")).isTrue();
        assertThat(unknown.get("lag_seconds").isNull()).isTrue();
    }
}
