package dev.rideops.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What report.html draws, as data for its script: each chart's axes (one per unit, so records and bytes never share
 * a scale), its series as {x, y} points, and the warm-ups to shade. Time charts count seconds from the run's start,
 * the steps one after another; the distribution is drawn from each step's measured histograms.
 */
final class ReportCharts {

    /** {@code unit} picks the tick labels' format in the script: changes/s, ms, records, bytes, cores. */
    record Axis(String name, String unit, boolean log) {}

    /** A line on the y axis of index {@code axis}. */
    record Series(String name, int axis, boolean dashed, List<double[]> data) {}

    /**
     * {@code x}: {@code time} or {@code percentile}; {@code shade}: [from, to] ranges to shade, named
     * {@code shadeLabel} (warm-ups in a bench, the fault in a chaos timeline); {@code window}: ranges shaded in
     * another colour beside them, named {@code windowLabel} (a bench's cohort batch).
     */
    record Chart(
            String id,
            String title,
            String x,
            List<Axis> axes,
            List<Series> series,
            List<double[]> shade,
            String shadeLabel,
            List<double[]> window,
            String windowLabel) {}

    /** How report.html names the cohort batch's window in a bench run with {@code --batch-cohort}. */
    static final String BATCH_LABEL = "cohort batch";

    private static final String WARMUP_LABEL = "warm-up";

    private static final String TOTAL = "total";

    private ReportCharts() {}

    static List<Chart> of(BenchResult result, LatencyLogs histograms) {
        TimeSeries rate = new TimeSeries();
        TimeSeries latency = new TimeSeries();
        TimeSeries lag = new TimeSeries();
        TimeSeries cpu = new TimeSeries();
        TimeSeries total = new TimeSeries();
        List<double[]> warmups = new ArrayList<>();
        double offset = 0;
        for (StepResult step : result.steps()) {
            double warmupEnd = -1;
            for (Interval i : step.intervals()) {
                double x = offset + i.endSeconds();
                if (i.warmup()) {
                    warmupEnd = x;
                }
                rate.add("target", x, (double) i.targetEps());
                rate.add("achieved", x, i.achievedEps());
                latency.add("snapshot p50", x, i.snapshot().p50());
                latency.add("snapshot p99", x, i.snapshot().p99());
                latency.add(
                        "snapshot p99 from intended", x, i.snapshotIntended().p99());
                latency.add("search p99", x, i.search().p99());
                latency.add("commit -> Kafka p99", x, i.kafka().p99());
                latency.add("Kafka -> snapshot p99", x, i.snapshotFromKafka().p99());
                lag.add("consumer lag", x, i.consumerLag() < 0 ? null : (double) i.consumerLag());
                lag.add("CDC slot lag", x, i.cdcLagBytes() < 0 ? null : (double) i.cdcLagBytes());
                i.cpuCores().forEach((service, cores) -> cpu.add(service, x, cores));
                if (!i.cpuCores().isEmpty()) {
                    total.add(
                            TOTAL,
                            x,
                            i.cpuCores().values().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .sum());
                }
            }
            if (warmupEnd >= 0) {
                warmups.add(new double[] {offset, warmupEnd});
            }
            offset += step.intervals().isEmpty()
                    ? 0
                    : step.intervals().get(step.intervals().size() - 1).endSeconds();
        }
        // --batch-cohort runs one step, so its window is in that step's seconds
        List<double[]> batch = result.batch() == null
                ? List.of()
                : List.of(new double[] {
                    result.batch().startSeconds(), result.batch().endSeconds()
                });
        List<Chart> charts = new ArrayList<>();
        charts.add(overTime(
                "rate",
                "Source rate",
                List.of(new Axis("changes/s", "changes/s", false)),
                List.of(rate.series("target", 0, true), rate.series("achieved", 0, false)),
                warmups,
                batch));
        charts.add(overTime(
                "latency",
                "Commit-to-visible latency per interval",
                List.of(new Axis("ms", "ms", false)),
                List.of(
                        latency.series("snapshot p50", 0, false),
                        latency.series("snapshot p99", 0, false),
                        latency.series("snapshot p99 from intended", 0, true),
                        latency.series("search p99", 0, false),
                        latency.series("commit -> Kafka p99", 0, true),
                        latency.series("Kafka -> snapshot p99", 0, true)),
                warmups,
                batch));
        charts.add(distribution(result, histograms));
        charts.add(overTime(
                "lag",
                "Lag",
                List.of(new Axis("records", "records", false), new Axis("bytes", "bytes", false)),
                List.of(lag.series("consumer lag", 0, false), lag.series("CDC slot lag", 1, false)),
                warmups,
                batch));
        if (!cpu.names().isEmpty()) {
            charts.add(overTime(
                    "cpu",
                    "CPU per service",
                    List.of(new Axis("cores", "cores", false)),
                    Stream.concat(
                                    cpu.names().stream().map(name -> cpu.series(name, 0, false)),
                                    Stream.of(total.series(TOTAL, 0, true)))
                            .toList(),
                    warmups,
                    batch));
        }
        return charts;
    }

    /** A bench's chart over time: its warm-ups shaded, and the cohort batch's window if one ran. */
    private static Chart overTime(
            String id,
            String title,
            List<Axis> axes,
            List<Series> series,
            List<double[]> warmups,
            List<double[]> batch) {
        return new Chart(id, title, "time", axes, series, warmups, WARMUP_LABEL, batch, BATCH_LABEL);
    }

    /**
     * One fault's timeline under load, as two charts (rate and lag; latency), seconds from the start of its load,
     * the fault window shaded. {@code id} must be unique in the page.
     */
    static List<Chart> faultTimeline(
            String id, String fault, List<FaultLoad.PhasedInterval> intervals, double faultStart, double faultEnd) {
        TimeSeries rate = new TimeSeries();
        TimeSeries latency = new TimeSeries();
        for (FaultLoad.PhasedInterval p : intervals) {
            Interval i = p.interval();
            double x = i.endSeconds();
            rate.add("target", x, (double) i.targetEps());
            rate.add("achieved", x, i.achievedEps());
            rate.add("consumer lag", x, i.consumerLag() < 0 ? null : (double) i.consumerLag());
            latency.add("snapshot p50", x, i.snapshot().p50());
            latency.add("snapshot p95", x, i.snapshot().p95());
            latency.add("snapshot p99", x, i.snapshot().p99());
        }
        List<double[]> window = List.of(new double[] {faultStart, faultEnd});
        return List.of(
                new Chart(
                        id + "-rate",
                        fault + ": rate and consumer lag",
                        "time",
                        List.of(new Axis("changes/s", "changes/s", false), new Axis("records", "records", false)),
                        List.of(
                                rate.series("target", 0, true),
                                rate.series("achieved", 0, false),
                                rate.series("consumer lag", 1, false)),
                        window,
                        "fault",
                        List.of(),
                        null),
                new Chart(
                        id + "-latency",
                        fault + ": commit-to-snapshot latency per interval",
                        "time",
                        List.of(new Axis("ms", "ms", false)),
                        List.of(
                                latency.series("snapshot p50", 0, false),
                                latency.series("snapshot p95", 0, false),
                                latency.series("snapshot p99", 0, false)),
                        window,
                        "fault",
                        List.of(),
                        null));
    }

    /** Each step's measured latencies by percentile, from the commit (solid) and from the intended time (dashed). */
    private static Chart distribution(BenchResult result, LatencyLogs histograms) {
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < result.steps().size(); s++) {
            String step =
                    result.steps().size() == 1 ? "" : result.steps().get(s).targetEps() + "/s ";
            series.add(curve(step + "snapshot", histograms, s, LatencyLogs.Series.SNAPSHOT, false));
            series.add(
                    curve(step + "snapshot from intended", histograms, s, LatencyLogs.Series.SNAPSHOT_INTENDED, true));
            series.add(curve(step + "search", histograms, s, LatencyLogs.Series.SEARCH, false));
            series.add(curve(step + "search from intended", histograms, s, LatencyLogs.Series.SEARCH_INTENDED, true));
        }
        return new Chart(
                "distribution",
                "Latency distribution",
                "percentile",
                List.of(new Axis("ms", "ms", true)),
                series,
                List.of(),
                WARMUP_LABEL,
                List.of(),
                null);
    }

    private static Series curve(
            String name, LatencyLogs histograms, int step, LatencyLogs.Series which, boolean dashed) {
        return new Series(name, 0, dashed, PercentileCurve.of(histograms.stepTotal(step, which)));
    }

    /** Points by series name, in the order names first appear; an unknown figure (null) is left out. */
    private static final class TimeSeries {

        private final Map<String, List<double[]>> points = new LinkedHashMap<>();

        void add(String name, double x, Double y) {
            List<double[]> line = points.computeIfAbsent(name, n -> new ArrayList<>());
            if (y != null) {
                line.add(new double[] {x, y});
            }
        }

        List<String> names() {
            return List.copyOf(points.keySet());
        }

        Series series(String name, int axis, boolean dashed) {
            return new Series(name, axis, dashed, points.getOrDefault(name, List.of()));
        }
    }
}
