package dev.rideops.cli.bench;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.Poll;
import dev.rideops.generator.run.GeneratorSettings;
import dev.rideops.generator.run.Mode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Holds one rate: runs the generator in this process at {@code eps} (so each commit's time is known to the
 * nanosecond), watches the outputs, and closes an interval every {@code interval} with its figures and a progress
 * line. The warm-up runs first and is kept out of the step's figures; then the rate is held for {@code measure}.
 */
final class StepRunner {

    private static final Duration TAIL_WAIT = Duration.ofSeconds(30);

    private final BenchContext context;
    private final PrintWriter err;

    StepRunner(BenchContext context, PrintWriter err) {
        this.context = context;
        this.err = err;
    }

    StepResult run(int eps, Duration measure, Warmup warmup, Duration interval) {
        VisibilityTracker snapshot = new VisibilityTracker();
        VisibilityTracker search = new VisibilityTracker();
        try (GeneratorThread generator =
                        new GeneratorThread(settings(eps), context.sourceDb(), new CommitTimes(snapshot, search));
                OutputPollers pollers = new OutputPollers(context.reporting(), context.search(), snapshot, search)) {
            StepMeter meter = new StepMeter(
                    eps, warmup, measure, interval, snapshot, search, context.sampler(), context.latencyLogs());
            generator.start();
            measureUntilDone(meter, generator);
            generator.throwIfFailed();
            return meter.result(generator.committed());
        }
    }

    /** The bench's city at {@code eps}, until stopped: how long the warm-up takes is known only as it runs. */
    private GeneratorSettings settings(int eps) {
        GeneratorSettings base = context.generator();
        return new GeneratorSettings(
                Mode.STREAM, base.volume(), base.profile(), base.scenario(), eps, null, null, base.seed());
    }

    /**
     * Closes and reports an interval at each boundary until the measured part is over (or the generator ended
     * early); the last interval ends when the generator has stopped, and its latencies include the tail.
     */
    private void measureUntilDone(StepMeter meter, GeneratorThread generator) {
        boolean last;
        do {
            boolean generatorAlive = awaitUntil(meter.nextBoundary(), generator);
            long end = System.nanoTime();
            last = !generatorAlive || meter.measuredEnough(end);
            if (last) {
                generator.close();
                end = System.nanoTime();
                awaitVisible(meter);
            }
            StepMeter.Closed closed = meter.close(end, generator.committed());
            if (closed.warmupEnded()) {
                generator.restartSchedule();
            }
            report(closed);
        } while (!last);
    }

    /** Sleeps until the boundary; returns false as soon as the generator has finished instead. */
    private static boolean awaitUntil(long boundaryNanos, GeneratorThread generator) {
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
    private static void awaitVisible(StepMeter meter) {
        Poll.every(Duration.ofMillis(50), TAIL_WAIT).until(() -> meter.notVisible() == 0);
    }

    private void report(StepMeter.Closed closed) {
        err.println(progressLine(closed.interval()));
        SteadyRule.Verdict verdict = closed.warmupVerdict();
        if (verdict != null) {
            err.println(
                    closed.warmupEnded()
                            ? warmupEndLine(closed.interval(), verdict)
                            : "          " + verdict.describe());
        }
        err.flush();
    }

    private static String warmupEndLine(Interval last, SteadyRule.Verdict verdict) {
        return String.format(
                Locale.ROOT,
                "rideops: warm-up over after %.0f s, %s; measuring",
                last.endSeconds(),
                verdict.steady() ? "steady" : "not steady (" + String.join("; ", verdict.unsteady()) + ")");
    }

    static String progressLine(Interval i) {
        return String.format(
                Locale.ROOT,
                "  %6.1fs %s %6d/s target %8.1f/s achieved  snapshot p99 %s (from intended %s)  search p99 %s"
                        + "  lag %s  cdc %s  checkpoint %s",
                i.endSeconds(),
                i.warmup() ? "warm-up" : "       ",
                i.targetEps(),
                i.achievedEps(),
                ms(i.snapshot().p99()),
                ms(i.snapshotIntended().p99()),
                ms(i.search().p99()),
                i.consumerLag() < 0 ? "?" : Long.toString(i.consumerLag()),
                i.cdcLagBytes() < 0 ? "?" : (i.cdcLagBytes() / 1024) + " KiB",
                i.checkpointMs() < 0 ? "-" : i.checkpointMs() + " ms");
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
