package dev.rideops.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run to {@code <dir>/<timestamp>/}: {@code result.json} (every figure, the machine, versions and config),
 * {@code intervals.csv} (one row per interval of every step), the raw latency histograms ({@code *.hlog}, see
 * {@link LatencyLogs}) and {@code report.html} (self-contained charts of rate, latency percentiles and lag over
 * time).
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
        Files.writeString(dir.resolve("report.html"), html(result), StandardCharsets.UTF_8);
        return dir;
    }

    static String csv(BenchResult result) {
        StringBuilder csv = new StringBuilder("step_target_eps,end_s,warmup,target_eps,achieved_eps,"
                + "snapshot_count,snapshot_p50_ms,snapshot_p95_ms,snapshot_p99_ms,snapshot_p999_ms,snapshot_max_ms,"
                + "search_count,search_p50_ms,search_p95_ms,search_p99_ms,search_p999_ms,search_max_ms,"
                + "consumer_lag,cdc_lag_bytes,checkpoint_ms,state_bytes,tm_heap_used_bytes,backpressure,cpu_cores_total,"
                + "rss_mb_total,snapshot_intended_count,snapshot_intended_p50_ms,snapshot_intended_p95_ms,"
                + "snapshot_intended_p99_ms,snapshot_intended_p999_ms,snapshot_intended_max_ms,search_intended_count,"
                + "search_intended_p50_ms,search_intended_p95_ms,search_intended_p99_ms,search_intended_p999_ms,"
                + "search_intended_max_ms\n");
        for (StepResult step : result.steps()) {
            for (Interval i : step.intervals()) {
                csv.append(step.targetEps())
                        .append(',')
                        .append(i.endSeconds())
                        .append(',')
                        .append(i.warmup())
                        .append(',')
                        .append(i.targetEps())
                        .append(',')
                        .append(i.achievedEps())
                        .append(',')
                        .append(row(i.snapshot()))
                        .append(',')
                        .append(row(i.search()))
                        .append(',')
                        .append(i.consumerLag())
                        .append(',')
                        .append(i.cdcLagBytes())
                        .append(',')
                        .append(i.checkpointMs())
                        .append(',')
                        .append(i.stateBytes())
                        .append(',')
                        .append(i.tmHeapUsedBytes())
                        .append(',')
                        .append(i.backpressure())
                        .append(',')
                        .append(String.format(
                                Locale.ROOT,
                                "%.2f",
                                i.cpuCores().values().stream()
                                        .mapToDouble(Double::doubleValue)
                                        .sum()))
                        .append(',')
                        .append(i.rssMb().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .append(',')
                        .append(row(i.snapshotIntended()))
                        .append(',')
                        .append(row(i.searchIntended()))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static String row(Percentiles p) {
        return p.count() + "," + cell(p.p50()) + "," + cell(p.p95()) + "," + cell(p.p99()) + "," + cell(p.p999()) + ","
                + cell(p.max());
    }

    private static String cell(Double v) {
        return v == null ? "" : v.toString();
    }

    static String html(BenchResult result) {
        SvgChart rate = new SvgChart("Source rate", "changes/s");
        SvgChart latency = new SvgChart("Commit-to-visible latency per interval", "ms");
        SvgChart lag = new SvgChart("Lag", "records / KiB");
        double offset = 0;
        for (StepResult step : result.steps()) {
            for (Interval i : step.intervals()) {
                double x = offset + i.endSeconds();
                rate.point("target", x, (double) i.targetEps()).point("achieved", x, i.achievedEps());
                latency.point("snapshot p50", x, i.snapshot().p50())
                        .point("snapshot p99", x, i.snapshot().p99())
                        .point(
                                "snapshot p99 from intended",
                                x,
                                i.snapshotIntended().p99())
                        .point("search p99", x, i.search().p99());
                lag.point("consumer lag (records)", x, (double) i.consumerLag())
                        .point("CDC slot lag (KiB)", x, i.cdcLagBytes() < 0 ? null : i.cdcLagBytes() / 1024.0);
            }
            offset += step.intervals().isEmpty()
                    ? 0
                    : step.intervals().get(step.intervals().size() - 1).endSeconds();
        }
        StringBuilder steps = new StringBuilder("<table><tr><th>target/s</th><th>achieved/s</th>"
                + "<th>snapshot p50 / p99 / p99.9 / max (ms)</th><th>search p50 / p99 / p99.9 / max (ms)</th>"
                + "<th>max lag</th><th>lag bounded</th></tr>");
        for (StepResult s : result.steps()) {
            steps.append("<tr><td>")
                    .append(s.targetEps())
                    .append("</td><td>")
                    .append(s.achievedEps())
                    .append("</td><td>")
                    .append(figures(s.latencyMs().snapshot()))
                    .append("</td><td>")
                    .append(figures(s.latencyMs().search()))
                    .append("</td><td>")
                    .append(s.maxConsumerLag())
                    .append("</td><td>")
                    .append(s.lagBounded())
                    .append("</td></tr>");
        }
        steps.append("</table>");
        StringBuilder about = new StringBuilder("<ul>");
        for (Map.Entry<String, Object> e : result.machine().entrySet()) {
            about.append("<li>")
                    .append(SvgChart.escape(e.getKey() + ": " + e.getValue()))
                    .append("</li>");
        }
        for (String m : result.method()) {
            about.append("<li>").append(SvgChart.escape(m)).append("</li>");
        }
        about.append("</ul>");
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>rideops bench " + result.startedAt()
                + "</title><style>body{font-family:sans-serif;margin:2em;max-width:820px}table{border-collapse:"
                + "collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>"
                + "<h1>rideops bench</h1><p>"
                + SvgChart.escape(result.mode() + " run started " + result.startedAt()
                        + ", workload " + result.workload() + "; verify "
                        + (result.verifyPassed() == null ? "not run" : result.verifyPassed() ? "passed" : "FAILED"))
                + "</p>" + steps + rate.svg() + latency.svg()
                + lag.svg() + "<h2>Machine and method</h2>" + about + "</body></html>\n";
    }

    private static String figures(Percentiles p) {
        return p.count() == 0 ? "-" : p.p50() + " / " + p.p99() + " / " + p.p999() + " / " + p.max();
    }
}
