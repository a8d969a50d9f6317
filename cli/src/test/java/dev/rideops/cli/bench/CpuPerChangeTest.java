package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.output.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU per change: cores over the measured intervals, weighted by their length, per 1,000 achieved changes/s. */
class CpuPerChangeTest {

    private static Interval interval(double end, boolean warmup, Map<String, Double> cores) {
        return Intervals.endingAt(end).warmup(warmup).rate(5000).cpuCores(cores).build();
    }

    @Test
    void eachServiceAndTheBenchCountPerThousandChangesAndTheWarmUpDoesNot() {
        List<Interval> intervals = List.of(
                interval(10, true, Map.of("connect", 1.5, "search", 1.5, "bench", 1.0)),
                interval(20, false, Map.of("connect", 0.4, "search", 0.3, "bench", 0.2)),
                interval(30, false, Map.of("connect", 0.4, "search", 0.5, "bench", 0.2)));

        CpuPerChange cpu = CpuPerChange.of(intervals, 4000);

        // (0.4 + 0.4 + 0.4 + 0.2) cores on average, at 4 thousand changes/s
        assertThat(cpu.byService())
                .containsExactly(Map.entry("bench", 0.05), Map.entry("connect", 0.1), Map.entry("search", 0.1));
        assertThat(cpu.total()).isEqualTo(0.25);
    }

    @Test
    void theBenchsWatchingIsListedButNotPartOfThePipelinesCost() {
        List<Interval> intervals = List.of(
                interval(10, true, Map.of("bench", 1.0)),
                interval(20, false, Map.of("connect", 0.4, "bench", 0.2, "bench-observer", 0.08)));

        CpuPerChange cpu = CpuPerChange.of(intervals, 4000);

        assertThat(cpu.byService()).containsEntry("bench-observer", 0.02);
        assertThat(cpu.total()).isEqualTo(0.15);
    }

    @Test
    void aShorterIntervalWeighsLess() {
        List<Interval> intervals = List.of(
                interval(10, true, Map.of("bench", 9.0)),
                interval(40, false, Map.of("bench", 1.0)),
                interval(50, false, Map.of("bench", 2.0)));

        // 30 s at 1 core and 10 s at 2 cores: 1.25 cores, at 1 thousand changes/s
        assertThat(CpuPerChange.of(intervals, 1000).total()).isEqualTo(1.25);
    }

    @Test
    void resultJsonNamesTheFiguresAsDocumented() {
        Percentiles none = Intervals.NO_LATENCY;
        StepResult step = new StepResult(
                5000,
                5000,
                60,
                30,
                true,
                new StepResult.Latency(none, none, none, none, none, none, none),
                0,
                0,
                0,
                true,
                0,
                0.35,
                Map.of("bench", 0.05),
                List.of(),
                null);

        JsonNode json = Json.mapper().valueToTree(step);

        assertThat(json.get("cores_per_1k_eps").asDouble()).isEqualTo(0.35);
        assertThat(json.at("/cores_per_1k_eps_by_service/bench").asDouble()).isEqualTo(0.05);
    }

    @Test
    void withoutCpuSamplesOrARateThereIsNoFigure() {
        List<Interval> remote = List.of(interval(10, false, Map.of()));
        List<Interval> sampled = List.of(interval(10, false, Map.of("bench", 0.3)));

        assertThat(CpuPerChange.of(remote, 5000).total()).isNull();
        assertThat(CpuPerChange.of(remote, 5000).byService()).isEmpty();
        assertThat(CpuPerChange.of(sampled, 0).total()).isNull();
    }
}
