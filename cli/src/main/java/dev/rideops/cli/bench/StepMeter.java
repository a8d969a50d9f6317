package dev.rideops.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Takes one step's figures interval by interval, and over the measured part (after the warm-up) the step's result.
 * It only measures; the runner decides when an interval ends and reports it.
 */
final class StepMeter {

    private final int eps;
    private final Duration interval;
    private final VisibilityTracker snapshot;
    private final VisibilityTracker search;
    private final SystemSampler sampler;
    private final List<Interval> intervals = new ArrayList<>();
    private final long start;
    private final long warmupEnd;
    private boolean warmingUp;
    private long lastEnd;
    private long lastCommitted;
    private long measuredFrom;
    private long committedAtMeasureStart;

    /** Starts the step's clock; during a warm-up, commits are matched but their latencies not recorded. */
    StepMeter(
            int eps,
            Duration warmup,
            Duration interval,
            VisibilityTracker snapshot,
            VisibilityTracker search,
            SystemSampler sampler) {
        this.eps = eps;
        this.interval = interval;
        this.snapshot = snapshot;
        this.search = search;
        this.sampler = sampler;
        warmingUp = !warmup.isZero();
        snapshot.recording(!warmingUp);
        search.recording(!warmingUp);
        start = System.nanoTime();
        warmupEnd = start + warmup.toNanos();
        lastEnd = start;
        measuredFrom = start;
    }

    /** When the current interval ends; a long warm-up reports every interval too, so there is progress to watch. */
    long nextBoundary() {
        long next = lastEnd + interval.toNanos();
        return warmingUp ? Math.min(next, warmupEnd) : next;
    }

    /** Commits whose change an output does not show yet. */
    int notVisible() {
        return snapshot.pending() + search.pending();
    }

    /** Ends the current interval at {@code now}, when the generator had committed {@code committed} in all. */
    Interval close(long now, long committed) {
        SystemSampler.Sample s = sampler.sample();
        Interval i = new Interval(
                Math.round((now - start) / 1e8) / 10.0,
                warmingUp,
                eps,
                tenths((committed - lastCommitted) / ((now - lastEnd) / 1e9)),
                Percentiles.of(snapshot.takeInterval()),
                Percentiles.of(search.takeInterval()),
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
                s.rssMb());
        intervals.add(i);
        if (warmingUp && now >= warmupEnd) {
            startMeasuring(now, committed);
        }
        lastEnd = now;
        lastCommitted = committed;
        return i;
    }

    private void startMeasuring(long now, long committed) {
        warmingUp = false;
        snapshot.recording(true);
        search.recording(true);
        measuredFrom = now;
        committedAtMeasureStart = committed;
    }

    /** The step over its measured part, when the generator had committed {@code committed} in all. */
    StepResult result(long committed) {
        double measured = (lastEnd - measuredFrom) / 1e9;
        return new StepResult(
                eps,
                tenths((committed - committedAtMeasureStart) / measured),
                tenths(measured),
                new StepResult.Latency(Percentiles.of(snapshot.total()), Percentiles.of(search.total())),
                maxMeasured(Interval::consumerLag),
                maxMeasured(Interval::cdcLagBytes),
                tenths(LagTrend.slope(intervals)),
                LagTrend.bounded(intervals, eps),
                notVisible(),
                intervals);
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
