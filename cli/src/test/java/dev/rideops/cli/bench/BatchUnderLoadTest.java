package dev.rideops.cli.bench;

import static dev.rideops.cli.bench.FaultLoad.Phase.AFTER;
import static dev.rideops.cli.bench.FaultLoad.Phase.BEFORE;
import static dev.rideops.cli.bench.FaultLoad.Phase.DURING;
import static dev.rideops.cli.bench.FaultLoad.Phase.WARMUP;
import static dev.rideops.cli.bench.Intervals.NO_LATENCY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.batch.BatchRun;
import dev.rideops.cli.batch.CohortBatchRun;
import dev.rideops.cli.output.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cohort batch under a bench: the measured window always holds the whole batch, the stream's figures are split
 * into before, during and after it, and result.json, intervals.csv and report.html show it.
 */
class BatchUnderLoadTest {

    private static final long S = 1_000_000_000L;
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    /** --duration 3m: 60 s before the batch, at least 60 s after it, at least 180 s measured. */
    private static final StepRunner.Around BENCH = new StepRunner.Around(
            new Warmup.UntilSteady(Duration.ofMinutes(5)),
            BatchUnderLoad.stretch(Duration.ofMinutes(3)),
            BatchUnderLoad.stretch(Duration.ofMinutes(3)),
            Duration.ofMinutes(3),
            true,
            "the cohort batch",
            "started");

    @Test
    void theBatchStartsAThirdIntoTheMeasuredPartAndNotDuringTheWarmUp() {
        assertThat(BENCH.startsAt(500 * S, -1)).as("still warming up").isFalse();
        // measuring began at 100 s
        assertThat(BENCH.startsAt(150 * S, 100 * S)).isFalse();
        assertThat(BENCH.startsAt(160 * S, 100 * S)).isTrue();
    }

    @Test
    void theRunGoesOnUntilALongBatchHasEndedAndAThirdMoreHasPassed() {
        long measuredFrom = 100 * S;
        // started at 160 s, still running at 10 minutes: the run goes on past --duration
        assertThat(BENCH.overAt(700 * S, measuredFrom, -1)).isFalse();
        // it ended at 705 s: 60 s more are measured after it
        assertThat(BENCH.overAt(760 * S, measuredFrom, 705 * S)).isFalse();
        assertThat(BENCH.overAt(770 * S, measuredFrom, 705 * S)).isTrue();
    }

    @Test
    void aShortBatchStillGetsTheWholeDurationMeasured() {
        long measuredFrom = 100 * S;
        // 160-170 s: a third after it has passed at 230 s, but only 130 s of the 180 s were measured
        assertThat(BENCH.overAt(240 * S, measuredFrom, 170 * S)).isFalse();
        assertThat(BENCH.overAt(280 * S, measuredFrom, 170 * S)).isTrue();
    }

    @Test
    void chaosEndsItsStretchAfterTheFaultWhateverWasMeasured() {
        StepRunner.Around chaos = StepRunner.Around.chaos(new FaultLoad.Plan(
                1000,
                dev.rideops.scenarios.Volume.SMALL,
                1,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                true));
        assertThat(chaos.warmup()).isEqualTo(new Warmup.Fixed(Duration.ofSeconds(30)));
        assertThat(chaos.asBench()).isFalse();
        assertThat(chaos.overAt(100 * S, 30 * S, 70 * S)).isTrue();
        assertThat(chaos.overAt(95 * S, 30 * S, 70 * S)).isFalse();
    }

    @Test
    void theStreamIsSplitAroundTheBatchAndItsCoresAreThoseOfTheIntervalsDuringIt() {
        BatchUnderLoad.Result b = BatchUnderLoad.of(measured(finished()));

        assertThat(b.date()).isEqualTo("2026-11-28");
        assertThat(b.state()).isEqualTo("FINISHED");
        assertThat(b.succeeded()).isTrue();
        assertThat(b.error()).isNull();
        assertThat(b.startSeconds()).isEqualTo(20.0);
        assertThat(b.endSeconds()).isEqualTo(35.0);
        assertThat(b.rowsWritten()).containsEntry("mart.driver_daily_productivity", 5800L);
        assertThat(b.phases()).extracting(FaultLoad.PhaseFigures::phase).containsExactly(BEFORE, DURING, AFTER);
        assertThat(b.p99(BEFORE)).isBetween(399.0, 401.0);
        assertThat(b.p99(DURING)).isBetween(1990.0, 2010.0);
        assertThat(b.p99(AFTER)).isBetween(449.0, 451.0);
        assertThat(b.intervalPhases()).containsExactly(WARMUP, BEFORE, DURING, DURING, AFTER);
        // taskmanager: 1.2 cores over 10 s and 0.6 over 10 s during the batch; the warm-up and the rest left out
        assertThat(b.coresDuring()).containsEntry("flink-taskmanager-1", 0.9).containsEntry("source-db", 0.3);
        assertThat(BatchUnderLoad.describe(b))
                .isEqualTo("cohort batch 2026-11-28 done in 14.8 s (5,836 rows written), 20-35 s into the run; "
                        + "snapshot p99 before / during / after it: 400 / 2001 / 450 ms");
    }

    @Test
    void aFailedBatchNamesTheFailedDaysErrorOrHowItsJobEnded() {
        BatchRun failed = new BatchRun(
                DAY, BatchRun.FAILED, "j1", null, null, null, null, null, null, "Flink job j1 FAILED: out of memory");
        CohortBatchRun.Result r = new CohortBatchRun.Result(DAY, DAY, "j1", "FAILED", 30, List.of(failed));

        BatchUnderLoad.Result b = BatchUnderLoad.of(measured(r));

        assertThat(b.succeeded()).isFalse();
        assertThat(b.error()).isEqualTo("Flink job j1 FAILED: out of memory");
        assertThat(BatchUnderLoad.error(new CohortBatchRun.Result(DAY, DAY, "j2", "CANCELED", 1800, List.of())))
                .isEqualTo("Flink job j2 CANCELED");
    }

    @Test
    void resultJsonHoldsTheBatchWithChaossPhasesAndIntervalsCsvAndTheReportMarkIts(@TempDir Path dir) throws Exception {
        BatchUnderLoad.Result batch = BatchUnderLoad.of(measured(finished()));
        BenchRun.Measured run = run(batch);

        Path written = ResultsWriter.write(dir, run, Json.mapper());

        JsonNode b =
                Json.mapper().readTree(written.resolve("result.json").toFile()).get("batch");
        assertThat(b.get("date").asText()).isEqualTo("2026-11-28");
        assertThat(b.get("state").asText()).isEqualTo("FINISHED");
        assertThat(b.get("started_at").asText()).isEqualTo("2026-11-29T10:02:00Z");
        assertThat(b.get("finished_at").asText()).isEqualTo("2026-11-29T10:02:15Z");
        assertThat(b.get("seconds").asDouble()).isEqualTo(14.8);
        assertThat(b.get("start_s").asDouble()).isEqualTo(20.0);
        assertThat(b.get("end_s").asDouble()).isEqualTo(35.0);
        assertThat(b.at("/rows_written/mart.rider_cohort_retention").asLong()).isEqualTo(36);
        assertThat(b.at("/phases/0/phase").asText()).isEqualTo("before");
        assertThat(b.at("/phases/1/phase").asText()).isEqualTo("during");
        assertThat(b.at("/phases/1/snapshot_ms/p99").asDouble()).isBetween(1990.0, 2010.0);
        assertThat(b.at("/phases/2/achieved_eps").asDouble()).isEqualTo(500.0);
        assertThat(b.at("/cores_during/flink-taskmanager-1").asDouble()).isEqualTo(0.9);
        assertThat(b.has("interval_phases")).as("intervals.csv carries them").isFalse();

        List<String> csv = Files.readAllLines(written.resolve("intervals.csv"));
        assertThat(csv.get(0)).endsWith(",batch_phase");
        assertThat(csv.subList(1, csv.size()))
                .extracting(line -> line.substring(line.lastIndexOf(',') + 1))
                .containsExactly("warmup", "before", "during", "during", "after");

        String html = Files.readString(written.resolve("report.html"));
        assertThat(html).contains("cohort batch 2026-11-28 done in 14.8 s");
        JsonNode rate = chart(html, 0);
        assertThat(rate.at("/shade/0/1").asDouble()).as("the warm-up").isEqualTo(10);
        assertThat(rate.get("window_label").asText()).isEqualTo("cohort batch");
        assertThat(rate.at("/window/0/0").asDouble()).isEqualTo(20);
        assertThat(rate.at("/window/0/1").asDouble()).isEqualTo(35);
        assertThat(chart(html, 2).get("window"))
                .as("the distribution has no time axis")
                .isEmpty();
    }

    @Test
    void withoutTheBatchTheColumnIsEmptyAndNothingIsMarked(@TempDir Path dir) throws Exception {
        Path written = ResultsWriter.write(dir, run(null), Json.mapper());

        assertThat(Json.mapper()
                        .readTree(written.resolve("result.json").toFile())
                        .get("batch")
                        .isNull())
                .isTrue();
        assertThat(Files.readAllLines(written.resolve("intervals.csv")).get(1)).endsWith(",");
        assertThat(chart(Files.readString(written.resolve("report.html")), 0).get("window"))
                .isEmpty();
    }

    private static CohortBatchRun.Result finished() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("mart.rider_cohort_retention", 36L);
        rows.put("mart.driver_daily_productivity", 5800L);
        BatchRun done = new BatchRun(
                DAY,
                BatchRun.DONE,
                "j1",
                Instant.parse("2026-11-29T10:02:01Z"),
                Instant.parse("2026-11-29T10:02:14Z"),
                7,
                30,
                300,
                rows,
                null);
        return new CohortBatchRun.Result(DAY, DAY, "j1", "FINISHED", 14.8, List.of(done));
    }

    /** A warm-up interval, one before the batch (20 s), two during it (it ends at 35 s), one after. */
    private static FaultLoad.Measured<BatchUnderLoad.Ran> measured(CohortBatchRun.Result r) {
        FaultLoad.Phases phases = new FaultLoad.Phases();
        phases.add(WARMUP, interval(10, true, Map.of("flink-taskmanager-1", 3.0)), millis(900), 10 * S, 5000);
        phases.add(BEFORE, interval(20, false, Map.of("flink-taskmanager-1", 0.3)), millis(300, 400), 10 * S, 5000);
        phases.add(
                DURING,
                interval(30, false, Map.of("flink-taskmanager-1", 1.2, "source-db", 0.5)),
                millis(2000),
                10 * S,
                5000);
        phases.add(
                DURING,
                interval(40, false, Map.of("flink-taskmanager-1", 0.6, "source-db", 0.1)),
                millis(900),
                10 * S,
                5000);
        phases.add(AFTER, interval(50, false, Map.of("flink-taskmanager-1", 0.3)), millis(450), 10 * S, 5000);
        BatchUnderLoad.Ran ran =
                new BatchUnderLoad.Ran(r, Instant.parse("2026-11-29T10:02:00Z"), Instant.parse("2026-11-29T10:02:15Z"));
        return new FaultLoad.Measured<>(
                ran, 500, 20.0, 35.0, phases.figures(), phases.peakLagFromFault(), 0, phases.timeline());
    }

    private static Histogram millis(long... values) {
        Histogram h = new Histogram(VisibilityTracker.HIGHEST_MICROS, 3);
        for (long v : values) {
            h.recordValue(v * 1000);
        }
        return h;
    }

    private static Interval interval(double end, boolean warmup, Map<String, Double> cores) {
        Percentiles p99 = new Percentiles(10, 300.0, 400.0, 400.0, 400.0, 400.0);
        return Intervals.endingAt(end)
                .warmup(warmup)
                .rate(500)
                .snapshot(p99)
                .snapshotIntended(p99)
                .consumerLag(100)
                .checkpointMs(40)
                .cpuCores(new TreeMap<>(cores))
                .build();
    }

    private static BenchRun.Measured run(BatchUnderLoad.Result batch) {
        Histogram empty = new Histogram(VisibilityTracker.HIGHEST_MICROS, 3);
        LatencyLogs logs = new LatencyLogs(0);
        logs.step(Map.of(
                LatencyLogs.Series.SNAPSHOT, empty,
                LatencyLogs.Series.SNAPSHOT_INTENDED, empty,
                LatencyLogs.Series.SEARCH, empty,
                LatencyLogs.Series.SEARCH_INTENDED, empty));
        StepResult.Latency latency = new StepResult.Latency(
                NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY);
        List<Interval> intervals = List.of(
                interval(10, true, Map.of()),
                interval(20, false, Map.of()),
                interval(30, false, Map.of()),
                interval(40, false, Map.of()),
                interval(50, false, Map.of()));
        StepResult step =
                new StepResult(500, 500, 40, 10, true, latency, 100, 0, 0, true, 0, null, Map.of(), intervals, null);
        BenchResult result = BenchResults.fixedRun(step, batch);
        return new BenchRun.Measured(result, logs);
    }

    private static JsonNode chart(String html, int index) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<script>const REPORT = (.*?);</script>")
                .matcher(html);
        assertThat(m.find()).isTrue();
        return Json.mapper().readTree(m.group(1)).get("charts").get(index);
    }
}
