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
        try (GeneratorThread generator = new GeneratorThread(
                        settings(eps, warmup.plus(measure)), context.sourceDb(), new CommitTimes(snapshot, search));
                OutputPollers pollers = new OutputPollers(context.reporting(), context.search(), snapshot, search)) {
            StepMeter meter = new StepMeter(eps, warmup, interval, snapshot, search, context.sampler());
            generator.start();
            measureUntilDone(meter, generator);
            generator.throwIfFailed();
            return meter.result(generator.committed());
        }
    }

    /** The bench's city at {@code eps} for {@code length}. */
    private GeneratorSettings settings(int eps, Duration length) {
        GeneratorSettings base = context.generator();
        return new GeneratorSettings(
                Mode.STREAM, base.volume(), base.profile(), base.scenario(), eps, length, null, base.seed());
    }

    /** Closes and reports an interval at each boundary until the generator is done; the last one includes the tail. */
    private void measureUntilDone(StepMeter meter, GeneratorThread generator) {
        boolean generatorDone;
        do {
            generatorDone = !awaitUntil(meter.nextBoundary(), generator);
            if (generatorDone) {
                awaitVisible(meter);
            }
            report(meter.close(System.nanoTime(), generator.committed()));
        } while (!generatorDone);
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

    private void report(Interval i) {
        err.println(progressLine(i));
        err.flush();
    }

    static String progressLine(Interval i) {
        return String.format(
                Locale.ROOT,
                "  %6.1fs %s %6d/s target %8.1f/s achieved  snapshot p99 %s  search p99 %s"
                        + "  lag %s  cdc %s  checkpoint %s",
                i.endSeconds(),
                i.warmup() ? "warm-up" : "       ",
                i.targetEps(),
                i.achievedEps(),
                ms(i.snapshot().p99()),
                ms(i.search().p99()),
                i.consumerLag() < 0 ? "?" : Long.toString(i.consumerLag()),
                i.cdcLagBytes() < 0 ? "?" : (i.cdcLagBytes() / 1024) + " KiB",
                i.checkpointMs() < 0 ? "-" : i.checkpointMs() + " ms");
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
