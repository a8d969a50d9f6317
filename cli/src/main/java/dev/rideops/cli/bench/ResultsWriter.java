package dev.rideops.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run to {@code <dir>/<timestamp>/}: {@code result.json} (every figure, the machine, versions and config),
 * {@code intervals.csv} (one row per interval of every step; {@code kafka_*}, {@code *_from_kafka_*} the latency split at Kafka; {@code batch_phase}, last, says where an
 * interval stands to a {@code --batch-cohort} batch: warmup, before, during (it overlapped the batch) or after), the raw latency histograms ({@code *.hlog}, see
 * {@link LatencyLogs}) and {@code report.html} ({@link ReportHtml}).
 */
public final class ResultsWriter {

    private ResultsWriter() {}

    public static Path write(Path resultsDir, BenchRun.Measured run, ObjectMapper json) throws IOException {
        BenchResult result = run.result();
        Path dir = resultsDir.resolve(result.startedAt().replace(':', '-'));
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("result.json").toFile(), result);
        run.histograms().writeTo(dir);
        Files.writeString(dir.resolve("intervals.csv"), csv(result), StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("report.html"), ReportHtml.render(result, run.histograms(), json), StandardCharsets.UTF_8);
        return dir;
    }

    static String csv(BenchResult result) {
        StringBuilder csv = new StringBuilder("step_target_eps,end_s,end_at,warmup,target_eps,achieved_eps,"
                + "snapshot_count,snapshot_p50_ms,snapshot_p95_ms,snapshot_p99_ms,snapshot_p999_ms,snapshot_max_ms,"
                + "search_count,search_p50_ms,search_p95_ms,search_p99_ms,search_p999_ms,search_max_ms,"
                + "consumer_lag,cdc_lag_bytes,checkpoint_ms,state_bytes,tm_heap_used_bytes,backpressure,cpu_cores_total,"
                + "rss_mb_total,snapshot_intended_count,snapshot_intended_p50_ms,snapshot_intended_p95_ms,"
                + "snapshot_intended_p99_ms,snapshot_intended_p999_ms,snapshot_intended_max_ms,search_intended_count,"
                + "search_intended_p50_ms,search_intended_p95_ms,search_intended_p99_ms,search_intended_p999_ms,"
                + "search_intended_max_ms,kafka_count,kafka_p50_ms,kafka_p95_ms,kafka_p99_ms,"
                + "kafka_p999_ms,kafka_max_ms,snapshot_from_kafka_count,snapshot_from_kafka_p50_ms,"
                + "snapshot_from_kafka_p95_ms,snapshot_from_kafka_p99_ms,snapshot_from_kafka_p999_ms,"
                + "snapshot_from_kafka_max_ms,search_from_kafka_count,search_from_kafka_p50_ms,"
                + "search_from_kafka_p95_ms,search_from_kafka_p99_ms,search_from_kafka_p999_ms,"
                + "search_from_kafka_max_ms,batch_phase\n");
        // with --batch-cohort (one step): each interval's phase around the batch, 'during' when it overlapped it
        List<FaultLoad.Phase> batchPhases =
                result.batch() == null ? List.of() : result.batch().intervalPhases();
        int n = 0;
        for (StepResult step : result.steps()) {
            for (Interval i : step.intervals()) {
                String batchPhase = n < batchPhases.size() ? batchPhases.get(n).toString() : "";
                n++;
                double cpuCores = i.cpuCores().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
                long rssMb =
                        i.rssMb().values().stream().mapToLong(Long::longValue).sum();
                csv.append(CsvCells.join(
                                step.targetEps(),
                                i.endSeconds(),
                                i.endAt(),
                                i.warmup(),
                                i.targetEps(),
                                i.achievedEps(),
                                row(i.snapshot()),
                                row(i.search()),
                                i.consumerLag(),
                                i.cdcLagBytes(),
                                i.checkpointMs(),
                                i.stateBytes(),
                                i.tmHeapUsedBytes(),
                                i.backpressure(),
                                String.format(Locale.ROOT, "%.2f", cpuCores),
                                rssMb,
                                row(i.snapshotIntended()),
                                row(i.searchIntended()),
                                row(i.kafka()),
                                row(i.snapshotFromKafka()),
                                row(i.searchFromKafka()),
                                batchPhase))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static String row(Percentiles p) {
        return CsvCells.join(p.count(), p.p50(), p.p95(), p.p99(), p.p999(), p.max());
    }
}
