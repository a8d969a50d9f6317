package dev.rideops.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a chaos suite to {@code <dir>/<timestamp>-chaos-suite/} the way {@link ResultsWriter} writes a bench:
 * {@code result.json}, the ramp's {@code intervals.csv} and {@code *.hlog} (when the ramp ran), {@code
 * fault-intervals.csv} (every fault's intervals with their phase) and {@code report.html} (the faults' table, the
 * ramp's charts, each fault's timeline with its window shaded).
 */
public final class SuiteResults {

    /** One fault's row in the report's table, and its measurement (null when it failed before the load ran). */
    public record FaultRun(String fault, String[] row, FaultLoad.Measured<?> measured) {}

    private SuiteResults() {}

    public static Path write(
            Path resultsDir,
            String startedAt,
            Object result,
            String summary,
            BenchRun.Measured ramp,
            List<String> header,
            List<FaultRun> faults,
            ObjectMapper json)
            throws IOException {
        Path dir = resultsDir.resolve(startedAt.replace(':', '-') + "-chaos-suite");
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("result.json").toFile(), result);
        if (ramp != null) {
            ramp.histograms().writeTo(dir);
            Files.writeString(dir.resolve("intervals.csv"), ResultsWriter.csv(ramp.result()), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("fault-intervals.csv"), faultCsv(faults), StandardCharsets.UTF_8);
        List<ReportCharts.Chart> charts = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            FaultRun f = faults.get(i);
            rows.add(f.row());
            if (f.measured() != null) {
                charts.addAll(ReportCharts.faultTimeline(
                        "fault-" + i,
                        f.fault(),
                        f.measured().intervals(),
                        f.measured().faultStartS(),
                        f.measured().faultEndS()));
            }
        }
        Files.writeString(
                dir.resolve("report.html"),
                ReportHtml.renderSuite("rideops chaos suite " + startedAt, summary, header, rows, ramp, charts, json),
                StandardCharsets.UTF_8);
        return dir;
    }

    static String faultCsv(List<FaultRun> faults) {
        StringBuilder csv = new StringBuilder("fault,phase,end_s,target_eps,achieved_eps,snapshot_count,"
                + "snapshot_p50_ms,snapshot_p95_ms,snapshot_p99_ms,snapshot_max_ms,consumer_lag,cdc_lag_bytes,"
                + "checkpoint_ms\n");
        for (FaultRun f : faults) {
            if (f.measured() == null) {
                continue;
            }
            for (FaultLoad.PhasedInterval p : f.measured().intervals()) {
                Interval i = p.interval();
                Percentiles s = i.snapshot();
                csv.append(CsvCells.join(
                                f.fault(),
                                p.phase(),
                                i.endSeconds(),
                                i.targetEps(),
                                i.achievedEps(),
                                s.count(),
                                s.p50(),
                                s.p95(),
                                s.p99(),
                                s.max(),
                                i.consumerLag(),
                                i.cdcLagBytes(),
                                i.checkpointMs()))
                        .append('\n');
            }
        }
        return csv.toString();
    }
}
