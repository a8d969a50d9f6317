package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.output.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html carries ECharts and its data inline, and the results directory holds every file of a run. */
class ReportTest {

    private static Interval interval(double end, boolean warmup, double achieved, double p99) {
        Percentiles snapshot = Intervals.p99(100, p99);
        return Intervals.endingAt(end)
                .warmup(warmup)
                .rate(5000)
                .achieved(achieved)
                .snapshot(snapshot)
                .snapshotIntended(snapshot)
                .kafkaSplit(Intervals.p99(50, 160), Intervals.p99(50, p99 - 160))
                .cdcLagBytes(123_456)
                .consumerLag(800)
                .checkpointMs(40)
                .cpuCores(new TreeMap<>(Map.of("bench", 0.25, "connect", 0.4)))
                .rssMb(Map.of("bench", 300L))
                .build();
    }

    private static BenchRun.Measured run() {
        Histogram snapshot = new Histogram(VisibilityTracker.HIGHEST_MICROS, 3);
        for (int i = 1; i <= 1000; i++) {
            snapshot.recordValue(400_000 + i * 100);
        }
        Histogram empty = new Histogram(VisibilityTracker.HIGHEST_MICROS, 3);
        LatencyLogs logs = new LatencyLogs(0);
        logs.step(Map.of(
                LatencyLogs.Series.SNAPSHOT, snapshot,
                LatencyLogs.Series.SNAPSHOT_INTENDED, snapshot,
                LatencyLogs.Series.SEARCH, empty,
                LatencyLogs.Series.SEARCH_INTENDED, empty));
        StepResult.Latency latency = new StepResult.Latency(
                Percentiles.of(snapshot),
                Intervals.NO_LATENCY,
                Percentiles.of(snapshot),
                Intervals.NO_LATENCY,
                Intervals.p99(1000, 163),
                Intervals.p99(1000, 530),
                Intervals.NO_LATENCY);
        StepResult step = new StepResult(
                5000,
                4987.6,
                20,
                30,
                true,
                latency,
                800,
                123_456,
                0,
                true,
                0,
                0.13,
                Map.of("bench", 0.05, "connect", 0.08),
                List.of(
                        interval(10, true, 3000, 900),
                        interval(20, true, 5000, 600),
                        interval(30, true, 5000, 610),
                        interval(40, false, 4990, 620),
                        interval(50, false, 4985, 640)),
                null);
        BenchResult result = new BenchResult(
                "2026-11-28T10:00:00Z",
                BenchMode.FIXED,
                "flags",
                5000,
                4987.6,
                30,
                true,
                latency,
                800,
                123_456,
                true,
                0.13,
                Map.of("bench", 0.05, "connect", 0.08),
                4.1,
                18,
                "fixed",
                true,
                0L,
                null,
                1000.0,
                true,
                List.of(),
                List.of(step),
                Map.of("cores", 2),
                Map.of("rates", List.of(5000)),
                List.of("a method </script> with a tag in it"),
                null);
        return new BenchRun.Measured(result, logs);
    }

    private static JsonNode chartData(String html) throws Exception {
        Matcher m = Pattern.compile("<script>const REPORT = (.*?);</script>").matcher(html);
        assertThat(m.find()).as("the chart data script").isTrue();
        return Json.mapper().readTree(m.group(1));
    }

    @Test
    void theReportInlinesEchartsAndDrawsFromItsOwnData() throws Exception {
        String html = ReportHtml.render(run().result(), run().histograms(), Json.mapper());

        assertThat(html)
                .contains("version=\"5.3.1\"") // echarts.min.js itself
                .contains("echarts.init(")
                .doesNotContain("<script src")
                .doesNotContain("http://cdn")
                .doesNotContain("https://cdn")
                .contains("<h2>Source rate</h2><div class=\"chart\" id=\"rate\">")
                .contains("<h2>Latency distribution</h2>")
                .contains("<h2>CPU per service</h2>")
                .contains("a method &lt;/script&gt; with a tag in it");
        JsonNode charts = chartData(html).get("charts");
        JsonNode rate = charts.get(0);
        assertThat(rate.get("id").asText()).isEqualTo("rate");
        assertThat(rate.at("/series/1/name").asText()).isEqualTo("achieved");
        assertThat(rate.at("/series/1/data/4/1").asDouble()).isEqualTo(4985);
        assertThat(rate.at("/shade/0/1").asDouble()).as("the warm-up is shaded").isEqualTo(30);
        JsonNode latency = charts.get(1);
        assertThat(latency.at("/series/4/name").asText()).isEqualTo("commit -> Kafka p99");
        assertThat(latency.at("/series/4/data/4/1").asDouble()).isEqualTo(160);
        assertThat(latency.at("/series/5/name").asText()).isEqualTo("Kafka -> snapshot p99");
        assertThat(latency.at("/series/5/data/4/1").asDouble()).isEqualTo(480);
        assertThat(html)
                .contains("<td>81.5 / 163.0 / 163.0 / 163.0</td><td>265.0 / 530.0 / 530.0 / 530.0</td><td>-</td>");
        JsonNode lag = charts.get(3);
        assertThat(lag.get("axes")).hasSize(2);
        assertThat(lag.at("/axes/1/unit").asText()).isEqualTo("bytes");
        assertThat(lag.at("/series/1/axis").asInt())
                .as("CDC lag on the bytes axis")
                .isEqualTo(1);
        JsonNode cpu = charts.get(4);
        assertThat(cpu.at("/series/0/name").asText()).isEqualTo("bench");
        assertThat(cpu.at("/series/2/name").asText()).isEqualTo("total");
        assertThat(cpu.at("/series/2/data/0/1").asDouble()).isEqualTo(0.65);
    }

    @Test
    void theDistributionIsDrawnByPercentileFromTheHistograms() throws Exception {
        String html = ReportHtml.render(run().result(), run().histograms(), Json.mapper());

        JsonNode distribution = chartData(html).get("charts").get(2);
        assertThat(distribution.get("x").asText()).isEqualTo("percentile");
        assertThat(distribution.at("/axes/0/log").asBoolean()).isTrue();
        JsonNode snapshot = distribution.at("/series/0/data");
        assertThat(snapshot.size()).isGreaterThan(10);
        // the first point is the 0th percentile (x = 1) at the lowest latency, the last near the highest
        assertThat(snapshot.at("/0/0").asDouble()).isEqualTo(1.0);
        assertThat(snapshot.at("/0/1").asDouble()).isCloseTo(400.1, org.assertj.core.data.Offset.offset(0.5));
        assertThat(snapshot.get(snapshot.size() - 1).get(1).asDouble()).isGreaterThan(495);
        assertThat(distribution.at("/series/1/dashed").asBoolean())
                .as("from intended")
                .isTrue();
        assertThat(distribution.at("/series/2/data"))
                .as("no search latency, no points")
                .isEmpty();
    }

    @Test
    void aScriptEndInsideInlinedTextCannotCloseTheScript() {
        assertThat(ReportHtml.inline("var s = '</script><b>';")).isEqualTo("var s = '<\\/script><b>';");
        assertThat(ReportHtml.inline("x = '</SCRIPT>'")).isEqualTo("x = '<\\/SCRIPT>'");
    }

    @Test
    void aRunsDirectoryHoldsTheResultTheIntervalsTheHistogramsAndTheReport(@TempDir Path dir) throws Exception {
        Path written = ResultsWriter.write(dir, run(), Json.mapper());

        assertThat(written.getFileName().toString()).isEqualTo("2026-11-28T10-00-00Z");
        JsonNode result = Json.mapper().readTree(written.resolve("result.json").toFile());
        assertThat(result.get("warmup_seconds").asDouble()).isEqualTo(30);
        assertThat(result.get("warmup_steady").asBoolean()).isTrue();
        assertThat(result.get("cores_per_1k_eps").asDouble()).isEqualTo(0.13);
        assertThat(result.at("/latency_ms/snapshot_intended/count").asLong()).isEqualTo(1000);
        List<String> csv = Files.readAllLines(written.resolve("intervals.csv"));
        assertThat(csv).hasSize(6);
        assertThat(csv.get(0))
                .startsWith("step_target_eps,end_s,end_at,")
                .contains("search_intended_max_ms,kafka_count,")
                .endsWith("search_from_kafka_max_ms,batch_phase");
        List<String> header = List.of(csv.get(0).split(",", -1));
        List<String> last = List.of(csv.get(5).split(",", -1));
        assertThat(last).hasSameSizeAs(header);
        assertThat(last.get(header.indexOf("kafka_p99_ms"))).isEqualTo("160.0");
        assertThat(last.get(header.indexOf("snapshot_from_kafka_p99_ms"))).isEqualTo("480.0");
        assertThat(last.get(header.indexOf("search_from_kafka_count"))).isEqualTo("0");
        assertThat(result.at("/latency_ms/kafka/p99").asDouble()).isEqualTo(163);
        assertThat(result.at("/latency_ms/snapshot_from_kafka/p99").asDouble()).isEqualTo(530);
        assertThat(result.at("/latency_ms/search_from_kafka/count").asLong()).isZero();
        assertThat(csv.get(1).split(",")[2])
                .as("each interval's wall-clock end")
                .isEqualTo("2026-11-30T00:00:00Z");
        for (LatencyLogs.Series s : LatencyLogs.Series.values()) {
            assertThat(written.resolve(s.fileName())).exists();
        }
        assertThat(written.resolve("report.html")).content().contains("echarts.init(");
    }
}
