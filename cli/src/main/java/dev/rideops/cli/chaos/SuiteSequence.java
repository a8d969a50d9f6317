package dev.rideops.cli.chaos;

import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.error.ErrorHandler;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.ClientException;
import dev.rideops.scenarios.FaultScenario;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The order of a chaos suite's parts and the load each fault gets. The background generator is taken over once,
 * before the ramp, and handed back once, after the last fault, also when the ramp fails or Ctrl-C ends the suite:
 * stopping and starting it around every fault cost a JVM start and a stop with its grace each time, and its writes
 * between two faults were measured by nothing. The first fault warms up for the plan's warm-up; a later one only
 * settles, as the pipeline has just drained the fault before at this rate and the generator's code is warm in this
 * process. Each fault still stops its generator, drains and verifies its own window: verify needs a source nothing
 * writes to, and that is what proves a fault lost or doubled nothing.
 */
final class SuiteSequence {

    /** The suite's parts against the stack; a seam, so the order is checked without one. */
    interface Parts {

        /** Takes the background generator over for the whole suite. */
        Held holdGenerator();

        /** The ramp, with verify on its window. */
        BenchRun.Measured ramp();

        /** One fault under {@code load}, with verify on its window. */
        LoadedChaos.Result fault(FaultScenario fault, FaultLoad.Plan load);
    }

    /** The background generator as the suite holds it; close hands it back (starts it again, if it is to run). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * What ran: the ramp's measurement (null: no ramp) and each fault's outcome, in order; {@code interrupted}: Ctrl-C
     * ended the suite, which then did not pass.
     */
    record Ran(BenchRun.Measured ramp, List<ChaosSuite.FaultOutcome> outcomes, boolean interrupted) {}

    private final PrintWriter err;

    SuiteSequence(PrintWriter err) {
        this.err = err;
    }

    /**
     * The load around the fault at {@code index} of the suite: the first warms up for the plan's warm-up, a later one
     * settles for the plan's settle (never longer than the warm-up). A generator started afresh reaches the rate and
     * the latency it keeps within its first 5 s interval (bench/results/2026-11-30T04-30-00Z-three-brokers: 975 and
     * 1,280/s of 1,000, p99 500 and 590 ms, as later); the rate over the settle and the stretch before the fault is
     * still judged before the fault is injected. The generator is the suite's to hand back, not the fault's.
     */
    static FaultLoad.Plan load(ChaosSuite.Plan plan, int index) {
        Duration warmup =
                index == 0 ? plan.warmup() : plan.settle().compareTo(plan.warmup()) < 0 ? plan.settle() : plan.warmup();
        return new FaultLoad.Plan(plan.eps(), plan.volume(), plan.seed(), warmup, plan.before(), plan.after(), false);
    }

    /**
     * The least time the faults' load takes: the warm-up once, the settle before each later fault, the stretches
     * before and after each, and each fault's down time. The recoveries, the drains and verify come on top.
     */
    static Duration leastLoad(ChaosSuite.Plan plan, List<FaultScenario> faults) {
        Duration total = Duration.ZERO;
        for (int i = 0; i < faults.size(); i++) {
            FaultLoad.Plan load = load(plan, i);
            total = total.plus(load.warmup())
                    .plus(load.before())
                    .plus(faults.get(i).downFor())
                    .plus(load.after());
        }
        return total;
    }

    /**
     * Runs the ramp (unless the plan has none) and the faults in order with the generator held throughout. A fault
     * that fails (a refusal, or a component's call that failed) is recorded with its reason and the next one runs;
     * Ctrl-C ends the suite after the fault it was in. A failing ramp, Ctrl-C during it included, ends the suite by
     * its exception, with nothing written: the generator is handed back first.
     */
    Ran run(ChaosSuite.Plan plan, List<FaultScenario> faults, Parts parts) {
        Held held = parts.holdGenerator();
        BenchRun.Measured ramp = null;
        List<ChaosSuite.FaultOutcome> outcomes = new ArrayList<>();
        boolean interrupted;
        try {
            // the faults' least time is said before the ramp's minutes, so the whole is known at the start
            announce(plan, faults);
            if (!plan.ramp().isEmpty()) {
                err.printf(Locale.ROOT, "rideops: chaos suite: the ramp %s changes/s%n", plan.ramp());
                err.flush();
                ramp = parts.ramp();
            }
            interrupted = runFaults(plan, faults, parts, outcomes);
        } finally {
            handBack(held);
        }
        // a Ctrl-C during the hand-back ends nothing more, but the suite did not pass (the flag cleared, or the file
        // channels that write what ran would refuse)
        interrupted |= Thread.interrupted();
        return new Ran(ramp, outcomes, interrupted);
    }

    private void announce(ChaosSuite.Plan plan, List<FaultScenario> faults) {
        err.printf(
                Locale.ROOT,
                "rideops: chaos suite: %d fault(s) under %d changes/s, their load at least %d min (a warm-up of %d s "
                        + "before the first fault%s), then a drain and verify after each%n",
                faults.size(),
                plan.eps(),
                (leastLoad(plan, faults).toSeconds() + 59) / 60,
                load(plan, 0).warmup().toSeconds(),
                faults.size() > 1
                        ? String.format(
                                Locale.ROOT,
                                ", %d s to settle before each later one",
                                load(plan, 1).warmup().toSeconds())
                        : "");
        err.flush();
    }

    /** The faults in order into {@code outcomes}; true when Ctrl-C ended them. */
    private boolean runFaults(
            ChaosSuite.Plan plan, List<FaultScenario> faults, Parts parts, List<ChaosSuite.FaultOutcome> outcomes) {
        for (FaultScenario fault : faults) {
            err.printf(Locale.ROOT, "rideops: chaos suite: fault %d of %d%n", outcomes.size() + 1, faults.size());
            err.flush();
            ChaosSuite.FaultOutcome outcome;
            try {
                outcome = new ChaosSuite.FaultOutcome(
                        fault.name(), parts.fault(fault, load(plan, outcomes.size())), null);
            } catch (RideopsException e) {
                outcome = failed(fault, e.oneLine());
            } catch (ClientException e) {
                // a component that failed a call (a JobManager not answering during the recovery) fails the fault,
                // not the suite: the faults before it are written with it
                outcome = failed(fault, ErrorHandler.oneLine(e));
            }
            outcomes.add(outcome);
            if (Thread.interrupted()) {
                // Ctrl-C ends the suite, not only the fault it was in: what ran is written (the flag cleared, or the
                // file channels would refuse), and it did not pass
                err.printf(
                        Locale.ROOT,
                        "rideops: chaos suite: interrupted; %d of %d faults not run%n",
                        faults.size() - outcomes.size(),
                        faults.size());
                err.flush();
                return true;
            }
        }
        return false;
    }

    /** The next fault may still run: a service that did not come back makes it refuse in its own check. */
    private ChaosSuite.FaultOutcome failed(FaultScenario fault, String reason) {
        err.println("rideops: chaos suite: " + fault.name() + " failed: " + reason);
        err.flush();
        return new ChaosSuite.FaultOutcome(fault.name(), null, reason);
    }

    /** A generator that does not start again costs the suite's results nothing: it is said, with how to start it. */
    private void handBack(Held held) {
        try {
            held.close();
        } catch (RideopsException e) {
            warn(e.oneLine());
        } catch (ClientException e) {
            warn(ErrorHandler.oneLine(e));
        } catch (RuntimeException e) {
            // in a finally: an unexpected failure here must not hide the ramp's or a fault's own
            warn("unexpected error starting the generator again: " + ErrorHandler.describe(e));
        }
    }

    private void warn(String problem) {
        err.println("rideops: chaos suite: warning: " + problem);
        err.flush();
    }
}
