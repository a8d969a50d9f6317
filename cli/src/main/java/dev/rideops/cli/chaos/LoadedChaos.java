package dev.rideops.cli.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.pipeline.GeneratorTakeover;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.stack.Stack;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A fault under measured load: the bench's generator holds the rate ({@link BenchRun#runAround}), the fault hits
 * after a warm-up and a stretch before it, the load goes on through the recovery, and verify judges the window.
 */
public final class LoadedChaos {

    /**
     * The run's figures. {@code recoverySeconds}: from the fault to the pipeline caught up (the job checkpointing,
     * consumer lag and snapshot freshness within their limits) while the load went on. {@code verifyPassed}: verify
     * on the window, the oracle for lost or doubled changes. {@code verifyDiffered}: the checks that found
     * differences; {@code verifyMayDiffer}: the ones a schema fault says depend on the column it changed.
     */
    public record Result(
            String fault,
            int targetEps,
            @JsonProperty("recovery_seconds") double recoverySeconds,
            long peakConsumerLag,
            @JsonProperty("fault_start_s") double faultStartSeconds,
            @JsonProperty("fault_end_s") double faultEndSeconds,
            List<FaultLoad.PhaseFigures> phases,
            long notVisibleAtEnd,
            Boolean verifyPassed,
            Long verifyMismatches,
            List<String> verifyDiffered,
            List<String> verifyMayDiffer,
            boolean asExpected,
            boolean passed,
            ChaosRun.Result recovery,
            List<FaultLoad.PhasedInterval> intervals) {}

    private final RideopsConfig config;
    private final Stack stack;
    private final PrintWriter err;
    /** The background generator as a chaos suite holds it for all its faults; null: the fault takes it over. */
    private final GeneratorTakeover held;

    public LoadedChaos(RideopsConfig config, Stack stack, PrintWriter err) {
        this(config, stack, err, null);
    }

    /** One fault of a suite that holds the background generator across its faults ({@link BenchRun}'s). */
    LoadedChaos(RideopsConfig config, Stack stack, PrintWriter err, GeneratorTakeover held) {
        this.config = config;
        this.stack = stack;
        this.err = err;
        this.held = held;
    }

    /** Checks the fault against the stack first: a refusal touches nothing, not even the background generator. */
    public Result run(
            FaultScenario fault,
            Duration downFor,
            Duration recoverTimeout,
            FaultLoad.Plan load,
            BenchRun.Verification verification) {
        ChaosRun chaos = new ChaosRun(config, stack, err);
        ChaosRun.Target target = chaos.check(fault);
        err.printf(
                Locale.ROOT,
                "rideops: chaos %s under %d changes/s: warm-up %d s, %d s before the fault, %d s after it%n",
                fault.name(),
                load.eps(),
                load.warmup().toSeconds(),
                load.before().toSeconds(),
                load.after().toSeconds());
        err.flush();
        FaultLoad.Result<ChaosRun.Result> r = new BenchRun(config, stack, err, held)
                .runAround(load, () -> chaos.run(target, downFor, recoverTimeout), verification);
        return result(fault.name(), fault.verifyDiffers(), r);
    }

    static Result result(String fault, List<String> verifyMayDiffer, FaultLoad.Result<ChaosRun.Result> r) {
        FaultLoad.Measured<ChaosRun.Result> m = r.measured();
        ChaosRun.Result recovery = m.fault();
        return new Result(
                fault,
                m.targetEps(),
                recovery.caughtUpSeconds(),
                m.peakConsumerLag(),
                m.faultStartS(),
                m.faultEndS(),
                m.phases(),
                m.notVisibleAtEnd(),
                r.verifyPassed(),
                r.verifyMismatches(),
                r.verifyFailedChecks(),
                verifyMayDiffer,
                recovery.asExpected(),
                passed(
                        verifyJudged(r.verifyPassed(), r.verifyFailedChecks(), verifyMayDiffer),
                        m.notVisibleAtEnd(),
                        recovery.asExpected()),
                recovery,
                m.intervals());
    }

    /**
     * Passed when verify found nothing lost or doubled, every commit reached the mart, and the fault did what its
     * data says (a schema fault's expectation). A skipped verify judges nothing.
     */
    static boolean passed(Boolean verifyPassed, long notVisibleAtEnd, boolean asExpected) {
        return !Boolean.FALSE.equals(verifyPassed) && notVisibleAtEnd == 0 && asExpected;
    }

    /**
     * Verify's verdict as the fault sees it: a schema change to a column the job reads makes the checks that depend
     * on it differ, as its data states; verify holds when those are the only ones that do. A failure no check names
     * (nothing to compare) is a failure.
     */
    static Boolean verifyJudged(Boolean verifyPassed, List<String> failedChecks, List<String> mayDiffer) {
        if (!Boolean.FALSE.equals(verifyPassed)) {
            return verifyPassed;
        }
        return !failedChecks.isEmpty() && mayDiffer.containsAll(failedChecks);
    }

    /** The human table: one row per phase, then the recovery and the verdict. */
    public static List<String[]> phaseRows(Result r) {
        return FaultLoad.phaseRows(r.phases());
    }

    /** The verdict line: what verify and the fault's own check found. */
    public static String verdict(Result r) {
        String verify = r.verifyPassed() == null
                ? "verify skipped"
                : r.verifyPassed()
                        ? "verify passed (nothing lost or doubled)"
                        : Boolean.TRUE.equals(verifyJudged(false, r.verifyDiffered(), r.verifyMayDiffer()))
                                ? "verify passed but for what the change touches (" + r.verifyMismatches()
                                        + " mismatches in " + String.join(", ", r.verifyDiffered()) + ")"
                                : "verify FAILED (" + r.verifyMismatches() + " mismatches"
                                        + (r.verifyDiffered().isEmpty()
                                                ? ""
                                                : " in " + String.join(", ", r.verifyDiffered()))
                                        + ")";
        return String.format(
                Locale.ROOT,
                "%s: recovered %.1f s after the fault, peak consumer lag %d; %s%s%s",
                r.passed() ? "passed" : "FAILED",
                r.recoverySeconds(),
                r.peakConsumerLag(),
                verify,
                r.notVisibleAtEnd() > 0 ? "; " + r.notVisibleAtEnd() + " commits never reached the mart" : "",
                r.asExpected() ? "" : "; " + r.recovery().schema().describe());
    }
}
