package dev.rideops.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.pipeline.PipelineStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
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
