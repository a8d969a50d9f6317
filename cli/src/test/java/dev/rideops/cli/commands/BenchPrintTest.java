package dev.rideops.cli.commands;

import static dev.rideops.cli.bench.Intervals.NO_LATENCY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.bench.BatchUnderLoad;
import dev.rideops.cli.bench.BenchResult;
import dev.rideops.cli.bench.BenchResults;
import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.bench.Percentiles;
import dev.rideops.cli.bench.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's human table with the cohort batch: its time and the stream's p99 before, during and after it. */
class BenchPrintTest {

    @Test
    void theTableEndsWithTheBatchsTimeAndTheP99AroundIt() {
        BatchUnderLoad.Result batch = new BatchUnderLoad.Result(
                "2026-11-28",
                "FINISHED",
                true,
                "j1",
                "2026-11-29T10:01:00Z",
                "2026-11-29T10:06:12Z",
                312.4,
                160.0,
                472.4,
                Map.of("mart.driver_daily_productivity", 5800L),
                null,
                List.of(
                        phase(FaultLoad.Phase.BEFORE, 60, 610),
                        phase(FaultLoad.Phase.DURING, 320, 1840),
                        phase(FaultLoad.Phase.AFTER, 60, 640)),
                Map.of("flink-taskmanager-1", 0.9),
                List.of());
        StringWriter text = new StringWriter();

        BenchCommand.print(new PrintWriter(text), result(batch));

        assertThat(text.toString())
                .contains("cohort batch 2026-11-28 done in 312.4 s (5,800 rows written), 160-472 s into the run; "
                        + "snapshot p99 before / during / after it: 610 / 1840 / 640 ms")
                .containsPattern("(?m)^during +320 s +534\\.0 +1700\\.0 / 1840\\.0 / 2000\\.0 +9000 *$")
                .contains("cores during the batch: flink-taskmanager-1 0.90");
    }

    @Test
    void withoutTheBatchThereIsNoBatchLine() {
        StringWriter text = new StringWriter();

        BenchCommand.print(new PrintWriter(text), result(null));

        assertThat(text.toString())
                .doesNotContain("cohort batch")
                .doesNotContain("split at Kafka") // nothing tailed (Avro): no empty table
                .contains("verify on the bench window");
    }

    @Test
    void theSplitAtKafkaFollowsTheTableWhenTheBenchTailedKafka() {
        StepResult.Latency latency = new StepResult.Latency(
                NO_LATENCY,
                NO_LATENCY,
                NO_LATENCY,
                NO_LATENCY,
                new Percentiles(900, 70.0, 120.0, 163.0, 200.0, 240.0),
                new Percentiles(400, 420.0, 500.0, 530.0, 560.0, 600.0),
                new Percentiles(500, 624.0, 4000.0, 5300.0, 5400.0, 5500.0));
        StepResult step = new StepResult(
                5000, 5010, 180, 60, true, latency, 9000, 0, 0, true, 0, null, Map.of(), List.of(), null);
        StringWriter text = new StringWriter();

        BenchCommand.print(new PrintWriter(text), BenchResults.fixedRun(step, null));

        assertThat(text.toString())
                .contains("the same changes split at Kafka")
                .containsPattern(
                        "(?m)^5000 +70\\.0 / 163\\.0 / 240\\.0 +420\\.0 / 530\\.0 / 600\\.0 +624\\.0 / 5300\\.0 / 5500\\.0 *$");
    }

    @Test
    void theCpuPerChangeLeavesTheBenchsWatchingOutAndNamesTheMachinesSpeed() {
        StepResult.Latency latency = new StepResult.Latency(
                NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY);
        Map<String, Double> byService = new java.util.TreeMap<>(
                Map.of("bench", 0.03, "bench-observer", 0.011, "connect", 0.05, "search", 0.06));
        StepResult step = new StepResult(
                5000, 4990, 180, 60, true, latency, 900, 0, 0, true, 0, 0.14, byService, List.of(), null);
        StringWriter text = new StringWriter();

        BenchCommand.print(new PrintWriter(text), BenchResults.fixedRun(step, null));

        assertThat(text.toString())
                .contains("cores per 1,000 changes/s: 0.140 (bench 0.030, bench-observer 0.011, connect 0.050, "
                        + "search 0.060; bench-observer, the bench's own watching, not in the total)")
                .contains("the machine's CPU probe (ms for one fixed piece of work; a slower machine costs more CPU "
                        + "per change): 180 before");
    }

    private static FaultLoad.PhaseFigures phase(FaultLoad.Phase phase, double seconds, double p99) {
        return new FaultLoad.PhaseFigures(
                phase, seconds, 534, new Percentiles(100, p99 / 2, p99 - 140, p99, p99, p99 + 160), 9000);
    }

    private static BenchResult result(BatchUnderLoad.Result batch) {
        StepResult.Latency latency = new StepResult.Latency(
                NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY, NO_LATENCY);
        StepResult step =
                new StepResult(534, 533, 440, 60, true, latency, 9000, 0, 0, true, 0, null, Map.of(), List.of(), null);
        return BenchResults.fixedRun(step, batch);
    }
}
