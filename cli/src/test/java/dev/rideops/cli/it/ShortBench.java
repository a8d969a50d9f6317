package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bench's own short run on a running stack, as a user runs it right after {@code up}: it takes over the background
 * generator ({@code up --volume tiny --time-scale 12 --local-hour 18} started it), measures 20 s at 500 changes/s, runs
 * verify on its window and starts the generator again. SecretsIT runs it on the shared stack and scans what it wrote.
 */
final class ShortBench {

    private ShortBench() {}

    /** Runs it into {@code results} and checks its figures, its report files and the generator taken over and back. */
    static Rideops.Result runAndCheck(Rideops rideops, Path home, Path results) throws Exception {
        long generatorBefore = generatorPid(home);
        Rideops.Result bench = benchMeasuresAShortRunAndWritesItsReport(rideops, results);
        theGeneratorRunsAgainWithItsArguments(home, generatorBefore);
        return bench;
    }

    private static long generatorPid(Path home) throws Exception {
        return Long.parseLong(Files.readString(home.resolve("services/generator/service.pid"))
                .trim()
                .split(" ")[0]);
    }

    /** A new process (the old one was stopped for the bench) with the arguments 'up' gave the old one. */
    private static void theGeneratorRunsAgainWithItsArguments(Path home, long before) throws Exception {
        long after = generatorPid(home);
        assertThat(after).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(after).filter(ProcessHandle::isAlive)).isPresent();
        assertThat(Files.readString(Path.of("/proc", Long.toString(after), "cmdline"))
                        .replace('\0', ' '))
                .contains("generate --volume tiny --time-scale 12 --local-hour 18 --status-file");
    }

    /**
     * The bench's own short run, taking over the background generator: figures within reason, verify passed on its
     * window, the report files.
     */
    private static Rideops.Result benchMeasuresAShortRunAndWritesItsReport(Rideops rideops, Path results)
            throws Exception {
        Rideops.Result bench = rideops.run(
                "bench",
                "--eps",
                "500",
                // two of the bench's 10-second intervals, what the checks below need: figures over more than one
                // interval, and a last one (it was 30 s: 10 s more of the run)
                "--duration",
                "20s",
                "--warmup",
                "5s",
                "--volume",
                "small",
                "--results",
                results.toString(),
                "--json");
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.err())
                .containsPattern("rideops: took over the background generator \\(pid [0-9]+, "
                        + "'rideops generate --volume tiny --time-scale 12 --local-hour 18'\\): stopped it for the bench; it starts again "
                        + "afterwards")
                .containsPattern("500/s target +[0-9.]+/s achieved")
                .containsPattern("rideops: warm-up over after [0-9]+ s, not steady \\(1 of 3 intervals so far\\)")
                .containsPattern("rideops: the background generator runs again \\(pid [0-9]+, "
                        + "'rideops generate --volume tiny --time-scale 12 --local-hour 18'\\)");
        JsonNode r = bench.json();
        assertThat(r.path("target_eps").asInt()).isEqualTo(500);
        assertThat(r.path("local_hour").asInt())
                .as("a load run plays the busy hour")
                .isEqualTo(18);
        assertThat(r.path("achieved_eps").asDouble()).isBetween(400.0, 600.0);
        // --warmup 5s is fixed: one interval, too few for the steady rule
        assertThat(r.path("warmup_seconds").asDouble()).isBetween(5.0, 6.0);
        assertThat(r.path("warmup_steady").isBoolean()).isTrue();
        assertThat(r.path("warmup_steady").asBoolean()).isFalse();
        for (String output : new String[] {"snapshot", "search"}) {
            JsonNode latency = r.at("/latency_ms/" + output);
            assertThat(latency.path("count").asLong()).as(output).isPositive();
            assertThat(latency.path("p50").asDouble())
                    .as(output)
                    .isPositive()
                    .isLessThanOrEqualTo(latency.path("p99").asDouble());
            assertThat(latency.path("p99").asDouble())
                    .isLessThanOrEqualTo(latency.path("max").asDouble())
                    .isLessThan(60_000);
        }
        // from the intended time each change is at least as late as from its commit: every percentile too
        for (String output : new String[] {"snapshot", "search"}) {
            JsonNode fromCommit = r.at("/latency_ms/" + output);
            JsonNode fromIntended = r.at("/latency_ms/" + output + "_intended");
            assertThat(fromIntended.path("count").asLong())
                    .as(output)
                    .isEqualTo(fromCommit.path("count").asLong());
            assertThat(fromIntended.path("p99").asDouble())
                    .as(output)
                    .isGreaterThanOrEqualTo(fromCommit.path("p99").asDouble());
        }
        // split at Kafka: the bench tailed the CDC topics (JSON change events), so every leg has figures
        for (String leg : new String[] {"kafka", "snapshot_from_kafka", "search_from_kafka"}) {
            JsonNode latency = r.at("/latency_ms/" + leg);
            assertThat(latency.path("count").asLong()).as(leg).isPositive();
            assertThat(latency.path("p99").asDouble())
                    .as(leg)
                    .isLessThanOrEqualTo(latency.path("max").asDouble())
                    .isLessThan(60_000);
        }
        assertThat(bench.err()).containsPattern("kafka p99 [0-9]+ ms").doesNotContain("split at Kafka");
        assertThat(r.path("max_consumer_lag").asLong()).isGreaterThanOrEqualTo(0);
        // the whole pipeline's CPU per change, the bench process (the generator) included
        assertThat(r.path("cores_per_1k_eps").asDouble()).isPositive();
        assertThat(r.path("cores_per_1k_eps_by_service").has("bench")).isTrue();
        // the tail and pollers did work, and it is told apart from the generator's
        assertThat(r.path("cores_per_1k_eps_by_service").path("bench-observer").isNumber())
                .isTrue();
        assertThat(r.path("cores_per_1k_eps_by_service").has("source-db")).isTrue();
        assertThat(r.path("verify_passed").asBoolean()).isTrue();
        JsonNode lastInterval =
                r.at("/steps/0/intervals").get(r.at("/steps/0/intervals").size() - 1);
        assertThat(lastInterval.path("state_bytes").asLong())
                .as("checkpointed state")
                .isPositive();
        assertThat(lastInterval.path("tm_heap_used_bytes").asLong())
                .as("TaskManager heap")
                .isPositive();
        try (var dirs = Files.list(results)) {
            Path run = dirs.findFirst().orElseThrow();
            assertThat(Files.readString(run.resolve("result.json")))
                    .contains("\"machine\"")
                    .contains("\"cores\"");
            // the header, the warm-up and the measured 20 s in intervals of at most 10 s
            assertThat(Files.readAllLines(run.resolve("intervals.csv")))
                    .hasSizeGreaterThanOrEqualTo(4)
                    .first()
                    .asString()
                    .startsWith("step_target_eps,end_s,end_at,warmup")
                    .contains("state_bytes,tm_heap_used_bytes");
            for (String hlog : new String[] {
                "snapshot", "search", "snapshot_intended", "search_intended", "kafka", "snapshot_from_kafka"
            }) {
                assertThat(Files.readAllLines(run.resolve(hlog + ".hlog")))
                        .as(hlog)
                        .anyMatch(line -> line.startsWith("#[StartTime: "))
                        .anyMatch(line -> line.startsWith("Tag=warmup,"))
                        .filteredOn(line -> !line.startsWith("#") && !line.startsWith("\"") && !line.startsWith("Tag="))
                        .as(hlog + ": the measured 20 s in intervals of at most 10 s")
                        .hasSizeGreaterThanOrEqualTo(2);
            }
            // ECharts inlined (its own version string), drawing from the run's data: no script from elsewhere
            assertThat(Files.readString(run.resolve("report.html")))
                    .contains("version=\"5.3.1\"")
                    .contains("echarts.init(")
                    .contains("<h2>Source rate</h2>")
                    .contains("<script>const REPORT = {\"charts\":[{\"id\":\"rate\"")
                    .doesNotContain("<script src");
        }
        return bench;
    }
}
