package dev.rideops.cli.bench;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.Poll;
import dev.rideops.generator.run.GeneratorSettings;
import dev.rideops.generator.run.Mode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Holds one rate: runs the generator in this process at {@code eps} (so each commit's time is known to the
 * nanosecond), watches the outputs, and closes an interval every {@code interval} with its figures and a progress
 * line. The warm-up runs first and is kept out of the step's figures; then the rate is held for {@code measure}.
 */
final class StepRunner {

    private static final Duration TAIL_WAIT = Duration.ofSeconds(30);

    private final BenchContext context;
    private final PrintWriter err;
    private boolean kafkaLegNoted;

    StepRunner(BenchContext context, PrintWriter err) {
        this.context = context;
        this.err = err;
    }

    StepResult run(int eps, Duration measure, Warmup warmup, Duration interval) {
        VisibilityTracker snapshot = new VisibilityTracker();
        VisibilityTracker search = new VisibilityTracker();
        try (KafkaArrivals arrivals = kafkaArrivals(snapshot, search);
                GeneratorThread generator =
                        new GeneratorThread(settings(eps), context.sourceDb(), new CommitTimes(snapshot, search));
                OutputPollers pollers = new OutputPollers(context.reporting(), context.search(), snapshot, search)) {
            generator.start();
            generator.awaitLoad();
            StepMeter meter = new StepMeter(
                    eps, warmup, measure, interval, snapshot, search, context.sampler(), context.latencyLogs());
            measureUntilDone(meter, generator);
            generator.throwIfFailed();
            pollers.throwIfRefused();
            return meter.result(generator.committed()).withMeanPingIntervalSeconds(generator.meanPingIntervalSeconds());
        }
    }

    /**
     * How the load around an event runs: a warm-up, {@code before} the event in the measured part, the event on its
     * own thread while the load goes on, then {@code after} once it returned, and at least {@code atLeast} measured in
     * all. {@code asBench}: like a bench step, the generator's intended-time schedule restarts as measuring begins
     * and the warm-up's verdicts are reported (chaos keeps its fixed warm-up's output as it was). {@code event} and
     * {@code started} name it in messages: "the fault" "injected", "the cohort batch" "started".
     */
    record Around(
            Warmup warmup,
            Duration before,
            Duration after,
            Duration atLeast,
            boolean asBench,
            String event,
            String started) {

        /**
         * Whether the event starts at {@code now} (an interval boundary): measuring began at {@code measuredFrom}
         * (-1: still warming up) and {@code before} has passed since.
         */
        boolean startsAt(long now, long measuredFrom) {
            return measuredFrom >= 0 && now - measuredFrom >= before.toNanos();
        }

        /**
         * Whether the load is over at {@code now}: the event ended at {@code eventEnd} (-1: not yet) at least
         * {@code after} ago, and {@code atLeast} has been measured since {@code measuredFrom}. So the measured window
         * always holds the whole event, however long it takes.
         */
        boolean overAt(long now, long measuredFrom, long eventEnd) {
            return eventEnd >= 0 && eventEnd <= now - after.toNanos() && now - measuredFrom >= atLeast.toNanos();
        }

        static Around chaos(FaultLoad.Plan plan) {
            return new Around(
                    new Warmup.Fixed(plan.warmup()),
                    plan.before(),
                    plan.after(),
                    Duration.ZERO,
                    false,
                    "the fault",
                    "injected");
        }
    }

    /** What a load around an event measured: the phases, and the whole measured part as a bench step. */
    record AroundOutcome<T>(FaultLoad.Measured<T> measured, StepResult step) {}

    /**
     * Holds {@code plan.eps()} around a fault: warm-up, {@code before}, then {@code fault} on its own thread while the
     * load goes on, then {@code after} once it returned. Refuses to inject the fault when the rate before it fell
     * short of the target: the machine does not reach it, and a fault would measure that instead.
     */
    <T> FaultLoad.Measured<T> runAround(FaultLoad.Plan plan, Callable<T> fault, Duration interval) {
        return runAround(plan.eps(), Around.chaos(plan), fault, interval).measured();
    }

    /**
     * Holds {@code eps} around {@code event} as {@code how} says; a chaos fault's load is one such (see {@link
     * #runAround(FaultLoad.Plan, Callable, Duration)}), the bench's cohort batch another.
     */
    <T> AroundOutcome<T> runAround(int eps, Around how, Callable<T> event, Duration interval) {
        VisibilityTracker snapshot = new VisibilityTracker();
        VisibilityTracker search = new VisibilityTracker();
        FaultLoad.Phases phases = new FaultLoad.Phases();
        try (KafkaArrivals arrivals = kafkaArrivals(snapshot, search);
                GeneratorThread generator =
                        new GeneratorThread(settings(eps), context.sourceDb(), new CommitTimes(snapshot, search));
                OutputPollers pollers = new OutputPollers(context.reporting(), context.search(), snapshot, search)) {
            generator.start();
            generator.awaitLoad();
            // measured until the event is over: the meter's own end is only a bound
            StepMeter meter = new StepMeter(
                    eps,
                    how.warmup(),
                    Duration.ofHours(6),
                    interval,
                    snapshot,
                    search,
                    context.sampler(),
                    context.latencyLogs());
            long start = System.nanoTime();
            long lastEnd = start;
            long lastCommitted = 0;
            long measuredFrom = how.warmup().bound().isZero() ? start : -1;
            FaultThread<T> injected = null;
            boolean last;
            try {
                do {
                    boolean generatorAlive = awaitUntil(meter.nextBoundary(), generator);
                    long end = System.nanoTime();
                    last = !generatorAlive
                            || (injected != null && injected.failed())
                            || (injected != null && how.overAt(end, measuredFrom, injected.endNanos()));
                    if (last) {
                        generator.close();
                        end = System.nanoTime();
                        awaitVisible(meter);
                    }
                    long committed = generator.committed();
                    StepMeter.Closed closed = meter.close(end, committed);
                    FaultLoad.Phase phase = closed.interval().warmup()
                            ? FaultLoad.Phase.WARMUP
                            : FaultLoad.phaseOf(
                                    lastEnd,
                                    end,
                                    injected == null ? -1 : injected.startNanos,
                                    injected == null ? -1 : injected.endNanos());
                    phases.add(
                            phase,
                            closed.interval(),
                            closed.snapshotMicros(),
                            end - lastEnd,
                            committed - lastCommitted);
                    if (how.asBench()) {
                        report(closed, "  " + phase);
                    } else {
                        err.println(progressLine(closed.interval()) + "  " + phase);
                        err.flush();
                    }
                    lastEnd = end;
                    lastCommitted = committed;
                    if (closed.warmupEnded()) {
                        measuredFrom = end;
                        if (how.asBench()) {
                            generator.restartSchedule();
                        }
                    }
                    if (!last && injected == null && how.startsAt(end, measuredFrom)) {
                        double before = phases.achievedEpsBeforeTheFault();
                        if (!FaultLoad.reachable(before, eps)) {
                            generator.close();
                            throw new RideopsException(
                                    String.format(
                                            Locale.ROOT,
                                            "the generator held only %.0f of %d changes/s over the warm-up and before "
                                                    + "%s, so %s was not %s",
                                            before,
                                            eps,
                                            how.event(),
                                            how.event(),
                                            how.started()),
                                    "lower --eps (rideops bench --find-max measures what this machine holds)");
                        }
                        injected = FaultThread.start(event);
                    }
                } while (!last);
            } finally {
                // whatever ended the load, the event finishes undoing itself first (a paused service resumed)
                if (injected != null) {
                    injected.awaitEnd();
                }
            }
            generator.throwIfFailed();
            if (injected == null) {
                throw new RideopsException(
                        "the generator stopped before " + how.event() + " was " + how.started(),
                        "check 'rideops status' and run it again");
            }
            T result = injected.result();
            FaultLoad.Measured<T> measured = new FaultLoad.Measured<>(
                    result,
                    eps,
                    Math.round((injected.startNanos - start) / 1e8) / 10.0,
                    Math.round((injected.endNanos() - start) / 1e8) / 10.0,
                    phases.figures(),
                    phases.peakLagFromFault(),
                    meter.notVisible(),
                    phases.timeline());
            StepResult step = meter.result(generator.committed())
                    .withMeanPingIntervalSeconds(generator.meanPingIntervalSeconds());
            return new AroundOutcome<>(measured, step);
        }
    }

    /** A fault running on its own thread, so the load and the measurement go on while it acts and waits. */
    private static final class FaultThread<T> {

        final long startNanos = System.nanoTime();
        private final FutureTask<T> task;
        private Thread thread;
        private volatile long endNanos = -1;

        private FaultThread(Callable<T> fault) {
            task = new FutureTask<>(() -> {
                try {
                    return fault.call();
                } finally {
                    endNanos = System.nanoTime();
                }
            });
        }

        static <T> FaultThread<T> start(Callable<T> fault) {
            FaultThread<T> t = new FaultThread<>(fault);
            t.thread = new Thread(t.task, "chaos-fault");
            t.thread.setDaemon(true);
            t.thread.start();
            return t;
        }

        long endNanos() {
            return endNanos;
        }

        /**
         * Waits until the fault's code has returned or thrown. On a Ctrl-C (this thread interrupted) the fault's
         * waits are interrupted too, so it goes straight to undoing itself (resume, revert, reroute) in its finally
         * blocks.
         */
        void awaitEnd() {
            boolean interrupted = Thread.interrupted();
            if (interrupted) {
                thread.interrupt();
            }
            while (!task.isDone()) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        boolean failed() {
            if (!task.isDone()) {
                return false;
            }
            try {
                task.get();
                return false;
            } catch (ExecutionException | InterruptedException | CancellationException e) {
                return true;
            }
        }

        /** The fault's result once it ended (it is waited for: a paused service must be resumed first). */
        T result() {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RideopsException("interrupted while the fault was being undone", "check 'rideops status'");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new RideopsException("the fault failed: " + e.getCause(), "check 'rideops status'");
            }
        }
    }

    /** The tail that splits each step's latency at Kafka; why it does not, said once per run. */
    private KafkaArrivals kafkaArrivals(VisibilityTracker snapshot, VisibilityTracker search) {
        KafkaArrivals arrivals = KafkaArrivals.start(snapshot, search, context.kafka(), context.jsonChangeEvents());
        if (arrivals.notMeasured() != null && !kafkaLegNoted) {
            kafkaLegNoted = true;
            err.println(
                    "rideops: the latency split at Kafka (commit -> Kafka -> outputs) is " + arrivals.notMeasured());
            err.flush();
        }
        return arrivals;
    }

    /** The bench's city at {@code eps}, until stopped: how long the warm-up takes is known only as it runs. */
    private GeneratorSettings settings(int eps) {
        return context.generator().with(Mode.STREAM, eps, null, null);
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
        report(closed, "");
    }

    /** The interval's progress line ({@code suffix} after it) and, while warming up, what is not steady yet. */
    private void report(StepMeter.Closed closed, String suffix) {
        err.println(progressLine(closed.interval()) + suffix);
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
                        + "  kafka p99 %s  lag %s  cdc %s  checkpoint %s",
                i.endSeconds(),
                i.warmup() ? "warm-up" : "       ",
                i.targetEps(),
                i.achievedEps(),
                ms(i.snapshot().p99()),
                ms(i.snapshotIntended().p99()),
                ms(i.search().p99()),
                ms(i.kafka().p99()),
                i.consumerLag() < 0 ? "?" : Long.toString(i.consumerLag()),
                i.cdcLagBytes() < 0 ? "?" : (i.cdcLagBytes() / 1024) + " KiB",
                i.checkpointMs() < 0 ? "-" : i.checkpointMs() + " ms");
    }

    private static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
