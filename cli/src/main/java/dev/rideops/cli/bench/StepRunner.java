package dev.rideops.cli.bench;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.generator.db.GeneratorLock;
import dev.rideops.generator.model.Change;
import dev.rideops.generator.run.GeneratorRun;
import dev.rideops.generator.run.GeneratorSettings;
import dev.rideops.generator.run.GeneratorStats;
import dev.rideops.generator.run.Mode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Holds one rate: runs the generator in this process at {@code eps} (so each commit's time is known to the
 * nanosecond), watches the outputs, and closes an interval every {@code interval} with its figures and a progress
 * line. The warm-up runs first and is kept out of the step's figures.
 */
final class StepRunner {

    private static final Duration TAIL_WAIT = Duration.ofSeconds(30);

    private final BenchContext context;
    private final PrintWriter err;

    StepRunner(BenchContext context, PrintWriter err) {
        this.context = context;
        this.err = err;
    }

    StepResult run(int eps, Duration measure, Duration warmup, Duration interval) {
        VisibilityTracker snapshot = new VisibilityTracker();
        VisibilityTracker search = new VisibilityTracker();
        GeneratorSettings base = context.generator();
        GeneratorSettings settings = new GeneratorSettings(Mode.STREAM, base.volume(), base.profile(),
                base.scenario(), eps, warmup.plus(measure), null, base.seed());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        GeneratorRun run = new GeneratorRun(settings, context.sourceDb(), listener(snapshot, search));
        Thread generator = new Thread(() -> {
            try (GeneratorLock lock = GeneratorLock.acquire(context.sourceDb())) {
                run.run(stop::get);
            } catch (Exception e) {
                failure.set(e);
            }
        }, "bench-generator");

        List<Interval> intervals = new ArrayList<>();
        long measuredFrom = -1;
        long committedAtMeasureStart = 0;
        try (OutputPollers pollers = new OutputPollers(context.reporting(), context.search(), snapshot, search)) {
            SystemSampler sampler = context.sampler();
            snapshot.recording(warmup.isZero());
            search.recording(warmup.isZero());
            long start = System.nanoTime();
            generator.start();
            long lastEnd = start;
            long lastCommitted = 0;
            boolean inWarmup = !warmup.isZero();
            long warmupEnd = start + warmup.toNanos();
            while (true) {
                // a long warm-up reports every interval too, so there is progress to watch
                long boundary = inWarmup ? Math.min(lastEnd + interval.toNanos(), warmupEnd)
                        : lastEnd + interval.toNanos();
                boolean generatorDone = !awaitUntil(boundary, generator);
                long now = System.nanoTime();
                boolean tail = generatorDone && snapshot.pending() + search.pending() > 0;
                if (tail) {
                    awaitVisible(snapshot, search);
                    now = System.nanoTime();
                }
                GeneratorStats stats = run.stats();
                long committed = stats.committed();
                double seconds = (now - lastEnd) / 1e9;
                SystemSampler.Sample s = sampler.sample();
                Histogram snap = snapshot.takeInterval();
                Histogram srch = search.takeInterval();
                Interval i = new Interval(Math.round((now - start) / 1e8) / 10.0, inWarmup, eps,
                        Math.round((committed - lastCommitted) / seconds * 10) / 10.0, Percentiles.of(snap),
                        Percentiles.of(srch), snapshot.pending(), s.cdcLagBytes(), s.consumerLag(),
                        s.committedLagByTopic(), s.checkpointMs(), s.backpressure(), s.backpressuredOperator(),
                        s.cpuCores(), s.rssMb());
                intervals.add(i);
                err.println(progressLine(i));
                err.flush();
                if (inWarmup && now >= warmupEnd) {
                    inWarmup = false;
                    snapshot.recording(true);
                    search.recording(true);
                    measuredFrom = now;
                    committedAtMeasureStart = committed;
                }
                lastEnd = now;
                lastCommitted = committed;
                if (generatorDone) {
                    break;
                }
            }
            if (measuredFrom < 0) {
                measuredFrom = start;
            }
            if (failure.get() != null) {
                throw new RideopsException("the bench generator failed: " + failure.get().getMessage(),
                        failure.get() instanceof IllegalStateException
                                ? "stop the other generator with 'rideops generate stop'; the bench sets the rate"
                                : "check the source database ('rideops status') and run the bench again");
            }
            double measured = (lastEnd - measuredFrom) / 1e9;
            long committed = run.stats().committed() - committedAtMeasureStart;
            return new StepResult(eps, Math.round(committed / measured * 10) / 10.0, Math.round(measured * 10) / 10.0,
                    new StepResult.Latency(Percentiles.of(snapshot.total()), Percentiles.of(search.total())),
                    intervals.stream().filter(x -> !x.warmup()).mapToLong(Interval::consumerLag).max().orElse(-1),
                    intervals.stream().filter(x -> !x.warmup()).mapToLong(Interval::cdcLagBytes).max().orElse(-1),
                    Math.round(LagTrend.slope(intervals) * 10) / 10.0, LagTrend.bounded(intervals, eps),
                    snapshot.pending() + search.pending(), intervals);
        } finally {
            stop.set(true);
            join(generator);
        }
    }

    /** Commit times of the changes each output can show: driver status changes and location pings. */
    private static GeneratorRun.Listener listener(VisibilityTracker snapshot, VisibilityTracker search) {
        return new GeneratorRun.Listener() {
            @Override
            public void started(GeneratorStats stats) {
            }

            @Override
            public void progress(GeneratorStats stats) {
            }

            @Override
            public void warning(String message) {
            }

            @Override
            public void committed(List<Change> changes, long committedAtNanos) {
                long driver = Long.MIN_VALUE;
                long ping = Long.MIN_VALUE;
                for (Change c : changes) {
                    if (c instanceof Change.DriverStatusUpdate d) {
                        driver = Math.max(driver, micros(d.updatedAt()));
                    } else if (c instanceof Change.LocationEvent l) {
                        ping = Math.max(ping, micros(l.recordedAt()));
                    }
                }
                if (driver != Long.MIN_VALUE) {
                    snapshot.committed(driver, committedAtNanos);
                }
                if (ping != Long.MIN_VALUE) {
                    search.committed(ping, committedAtNanos);
                }
            }
        };
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** Sleeps until the boundary; returns false as soon as the generator has finished instead. */
    private static boolean awaitUntil(long boundaryNanos, Thread generator) {
        long left;
        while ((left = boundaryNanos - System.nanoTime()) > 0) {
            try {
                generator.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RideopsException("bench interrupted", "run it again");
            }
            if (!generator.isAlive()) {
                return false;
            }
        }
        return generator.isAlive();
    }

    /** After the generator stops, the last commits get a bounded time to show up, so the tail is measured too. */
    private static void awaitVisible(VisibilityTracker snapshot, VisibilityTracker search) {
        long deadline = System.nanoTime() + TAIL_WAIT.toNanos();
        while (snapshot.pending() + search.pending() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String progressLine(Interval i) {
        return String.format(Locale.ROOT, "  %6.1fs %s %6d/s target %8.1f/s achieved  snapshot p99 %s  search p99 %s"
                        + "  lag %s  cdc %s  checkpoint %s", i.endSeconds(), i.warmup() ? "warm-up" : "       ",
                i.targetEps(), i.achievedEps(), ms(i.snapshot().p99()), ms(i.search().p99()),
                i.consumerLag() < 0 ? "?" : Long.toString(i.consumerLag()),
                i.cdcLagBytes() < 0 ? "?" : (i.cdcLagBytes() / 1024) + " KiB",
                i.checkpointMs() < 0 ? "-" : i.checkpointMs() + " ms");
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
