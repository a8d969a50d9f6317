package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.output.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's result directory: every fault's intervals with their phase, and a timeline with the fault shaded. */
class SuiteResultsTest {

    @TempDir
    Path dir;

    @Test
    void eachFaultsIntervalsAreWrittenWithTheirPhaseAndItsWindowIsShadedInTheReport() throws Exception {
        FaultLoad.Measured<String> paused = new FaultLoad.Measured<>(
                "recovered",
                1000,
                10.0,
                32.5,
                List.of(),
                4200,
                0,
                List.of(
                        new FaultLoad.PhasedInterval(FaultLoad.Phase.BEFORE, interval(10, 120.0, 30)),
                        new FaultLoad.PhasedInterval(FaultLoad.Phase.DURING, interval(15, 5000.0, 4200)),
                        new FaultLoad.PhasedInterval(FaultLoad.Phase.AFTER, interval(35, 130.0, 40))));
        List<SuiteResults.FaultRun> runs = List.of(
                new SuiteResults.FaultRun("pause-broker", new String[] {"pause-broker", "passed <ok>"}, paused),
                new SuiteResults.FaultRun("kill-search", new String[] {"kill-search", "FAILED: it did not"}, null));
        ObjectMapper json = Json.mapper();

        Path written = SuiteResults.write(
                dir,
                "2026-11-28T23:00:00Z",
                Map.of("passed", false),
                "a summary",
                null,
                List.of("fault", "verdict"),
                runs,
                json);

        assertThat(written.getFileName().toString()).isEqualTo("2026-11-28T23-00-00Z-chaos-suite");
        assertThat(json.readTree(written.resolve("result.json").toFile())
                        .path("passed")
                        .asBoolean(true))
                .isFalse();
        List<String> csv = Files.readAllLines(written.resolve("fault-intervals.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(2)).startsWith("pause-broker,during,15.0,1000,1000.0,1,");
        assertThat(csv.get(2)).endsWith(",4200,0,0");
        String html = Files.readString(written.resolve("report.html"));
        assertThat(html).contains("<td>passed &lt;ok&gt;</td>").contains("<td>FAILED: it did not</td>");
        Matcher data = Pattern.compile("const REPORT = (\\{.*?\\});</script>").matcher(html);
        assertThat(data.find()).isTrue();
        JsonNode charts = json.readTree(data.group(1)).path("charts");
        assertThat(charts).hasSize(2);
        assertThat(charts.get(0).path("id").asText()).isEqualTo("fault-0-rate");
        assertThat(charts.get(0).path("shade_label").asText()).isEqualTo("fault");
        assertThat(charts.get(0).at("/shade/0/0").asDouble()).isEqualTo(10.0);
        assertThat(charts.get(0).at("/shade/0/1").asDouble()).isEqualTo(32.5);
        assertThat(charts.get(1).path("title").asText())
                .isEqualTo("pause-broker: commit-to-snapshot latency per interval");
    }

    private static Interval interval(double end, double p99, long lag) {
        return Intervals.endingAt(end)
                .snapshot(Intervals.p99(1, p99))
                .consumerLag(lag)
                .build();
    }
}
