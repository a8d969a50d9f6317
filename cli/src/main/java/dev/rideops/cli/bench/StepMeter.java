package dev.rideops.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * Takes one step's figures interval by interval: first the warm-up (reported, judged by {@link SteadyRule}, kept out
 * of the step's figures), then the measured part, and over that the step's result; the raw histograms go to the
 * run's {@link LatencyLogs}. It only measures; the runner decides when an interval ends and reports it.
 */
final class StepMeter {

    /**
     * An interval just closed; {@code warmupVerdict} is null once measuring. {@code snapshotMicros} is the interval's
     * raw commit-to-snapshot histogram, for callers that total intervals their own way (a fault's phases).
     */
    record Closed(Interval interval, SteadyRule.Verdict warmupVerdict, boolean warmupEnded, Histogram snapshotMicros) {}

    private final int eps;
    private final Warmup warmup;
    private final Duration measure;
    private final Duration interval;
    private final VisibilityTracker snapshot;
    private final VisibilityTracker search;
    private final SystemSampler sampler;
    private final LatencyLogs logs;
    private final List<Interval> intervals = new ArrayList<>();
    private final long start;
    private final long warmupDeadline;
    private boolean warmingUp = true;
    private long lastEnd;
    private long lastCommitted;
    private long measuredFrom;
    private long committedAtMeasureStart;
    private double warmupSeconds;
    private boolean warmupSteady;

    /** Starts the step's clock. */
    StepMeter(
            int eps,
            Warmup warmup,
            Duration measure,
            Duration interval,
            VisibilityTracker snapshot,
            VisibilityTracker search,
            SystemSampler sampler,
            LatencyLogs logs) {
        this.eps = eps;
        this.warmup = warmup;
        this.measure = measure;
        this.interval = interval;
        this.snapshot = snapshot;
        this.search = search;
        this.sampler = sampler;
        this.logs = logs;
        start = System.nanoTime();
        warmupDeadline = start + warmup.bound().toNanos();
        lastEnd = start;
        if (warmup.bound().isZero()) {
            startMeasuring(start, 0, false);
        }
    }

    /**
     * When the current interval ends: every {@code interval}, and at the warm-up's bound and the measured part's
     * end, so a long warm-up reports progress too.
     */
    long nextBoundary() {
        long next = lastEnd + interval.toNanos();
        return Math.min(next, warmingUp ? warmupDeadline : measuredFrom + measure.toNanos());
    }

    /** Whether the measured part has run its length at {@code now}. */
    boolean measuredEnough(long now) {
        return !warmingUp && now - measuredFrom >= measure.toNanos();
    }

    /** Commits whose change an output does not show yet. */
    int notVisible() {
        return snapshot.pending() + search.pending();
    }

    /**
     * Ends the current interval at {@code now}, when the generator had committed {@code committed} in all; a warm-up
     * ends after the interval that makes the rule hold (with the automatic warm-up) or reaches its bound.
     */
    Closed close(long now, long committed) {
        SystemSampler.Sample s = sampler.sample();
        VisibilityTracker.Latencies snap = snapshot.takeInterval(!warmingUp);
        VisibilityTracker.Latencies found = search.takeInterval(!warmingUp);
        Map<LatencyLogs.Series, Histogram> series = series(snap, found);
        series.forEach((which, h) -> logs.interval(which, h, warmingUp));
        Interval i = new Interval(
                Math.round((now - start) / 1e8) / 10.0,
                warmingUp,
                eps,
                tenths((committed - lastCommitted) / ((now - lastEnd) / 1e9)),
                Percentiles.of(snap.fromCommit()),
                Percentiles.of(found.fromCommit()),
                Percentiles.of(snap.fromIntended()),
                Percentiles.of(found.fromIntended()),
                Percentiles.of(series.get(LatencyLogs.Series.KAFKA)),
                Percentiles.of(snap.fromKafka()),
                Percentiles.of(found.fromKafka()),
                snapshot.pending(),
                s.cdcLagBytes(),
                s.consumerLag(),
                s.committedLagByTopic(),
                s.checkpointMs(),
                s.stateBytes(),
                s.tmHeapUsedBytes(),
                s.backpressure(),
                s.backpressuredOperator(),
                s.cpuCores(),
                s.rssMb(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        intervals.add(i);
        lastEnd = now;
        lastCommitted = committed;
        if (!warmingUp) {
            return new Closed(i, null, false, snap.fromCommit());
        }
        SteadyRule.Verdict verdict = SteadyRule.judge(intervals);
        boolean over = now >= warmupDeadline || (warmup instanceof Warmup.UntilSteady && verdict.steady());
        if (over) {
            startMeasuring(now, committed, verdict.steady());
        }
        return new Closed(i, verdict, over, snap.fromCommit());
    }

    private void startMeasuring(long now, long committed, boolean steady) {
        warmingUp = false;
        warmupSeconds = tenths((now - start) / 1e9);
        warmupSteady = steady;
        measuredFrom = now;
        committedAtMeasureStart = committed;
        snapshot.restartSchedule();
        search.restartSchedule();
    }

    /** The step over its measured part, when the generator had committed {@code committed} in all. */
    StepResult result(long committed) {
        double measured = (lastEnd - measuredFrom) / 1e9;
        double achieved = measured > 0 ? tenths((committed - committedAtMeasureStart) / measured) : 0;
        CpuPerChange cpu = CpuPerChange.of(intervals, achieved);
        VisibilityTracker.Latencies snap = snapshot.total();
        VisibilityTracker.Latencies found = search.total();
        Map<LatencyLogs.Series, Histogram> series = series(snap, found);
        logs.step(series);
        return new StepResult(
                eps,
                achieved,
                tenths(measured),
                warmupSeconds,
                warmupSteady,
                new StepResult.Latency(
                        Percentiles.of(snap.fromCommit()),
                        Percentiles.of(found.fromCommit()),
                        Percentiles.of(snap.fromIntended()),
                        Percentiles.of(found.fromIntended()),
                        Percentiles.of(series.get(LatencyLogs.Series.KAFKA)),
                        Percentiles.of(snap.fromKafka()),
                        Percentiles.of(found.fromKafka())),
                maxMeasured(Interval::consumerLag),
                maxMeasured(Interval::cdcLagBytes),
                tenths(LagTrend.slope(intervals)),
                LagTrend.bounded(intervals, eps),
                notVisible(),
                cpu.total(),
                cpu.byService(),
                intervals,
                null);
    }

    /** Every series of the two outputs' latencies; commit-to-Kafka is the drivers' and the pings' together. */
    private static Map<LatencyLogs.Series, Histogram> series(
            VisibilityTracker.Latencies snap, VisibilityTracker.Latencies found) {
        Histogram kafka = snap.toKafka().copy();
        kafka.add(found.toKafka());
        kafka.setStartTimeStamp(
                Math.min(snap.toKafka().getStartTimeStamp(), found.toKafka().getStartTimeStamp()));
        kafka.setEndTimeStamp(
                Math.max(snap.toKafka().getEndTimeStamp(), found.toKafka().getEndTimeStamp()));
        Map<LatencyLogs.Series, Histogram> series = new EnumMap<>(LatencyLogs.Series.class);
        series.put(LatencyLogs.Series.SNAPSHOT, snap.fromCommit());
        series.put(LatencyLogs.Series.SNAPSHOT_INTENDED, snap.fromIntended());
        series.put(LatencyLogs.Series.SEARCH, found.fromCommit());
        series.put(LatencyLogs.Series.SEARCH_INTENDED, found.fromIntended());
        series.put(LatencyLogs.Series.KAFKA, kafka);
        series.put(LatencyLogs.Series.SNAPSHOT_FROM_KAFKA, snap.fromKafka());
        series.put(LatencyLogs.Series.SEARCH_FROM_KAFKA, found.fromKafka());
        return series;
    }

    private long maxMeasured(ToLongFunction<Interval> figure) {
        return intervals.stream()
                .filter(i -> !i.warmup())
                .mapToLong(figure)
                .max()
                .orElse(-1);
    }

    private static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
