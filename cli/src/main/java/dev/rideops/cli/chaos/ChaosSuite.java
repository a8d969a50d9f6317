package dev.rideops.cli.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.bench.BenchMode;
import dev.rideops.cli.bench.BenchResult;
import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.bench.Percentiles;
import dev.rideops.cli.bench.SuiteResults;
import dev.rideops.cli.bench.Warmup;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.pipeline.GeneratorTakeover;
import dev.rideops.generator.run.LocalHour;
import dev.rideops.scenarios.FaultAction;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import dev.rideops.stack.Stack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The resilience suite in one go: the bench's ramp (1k-5k by default), then every fault under load at one rate, each
 * with verify on its window, into one result directory with one report. Every fault is checked against the stack
 * before anything runs, so a suite that cannot run refuses at once. The order, and the load each fault gets, is
 * {@link SuiteSequence}'s.
 */
public final class ChaosSuite {

    /**
     * {@code brokers}: the broker count the suite is meant for (null: whatever the stack runs). {@code warmup}: before
     * each ramp rate and the first fault; {@code settle}: before each later fault. {@code resumeGenerator}: whether
     * the background generator the suite took over starts again after it.
     */
    public record Plan(
            int eps,
            Integer brokers,
            List<Integer> ramp,
            Duration step,
            Duration warmup,
            Duration settle,
            Duration before,
            Duration after,
            Volume volume,
            long seed,
            Duration recoverTimeout,
            List<String> faults,
            boolean resumeGenerator) {

        /** {@code faults} null: every shipped fault this stack can run (the rest are listed as skipped). */
        public List<String> faultsOrShipped() {
            return faults == null ? Profiles.FAULTS : faults;
        }
    }

    /** A shipped fault the suite left out because the stack's shape cannot take it, and how to get one that can. */
    public record Skipped(String fault, String reason) {}

    /** One fault's run: its result, or why it could not run to the end. */
    public record FaultOutcome(String fault, LoadedChaos.Result result, String error) {
        public boolean passed() {
            return error == null && result != null && result.passed();
        }
    }

    public record Result(
            String startedAt,
            int eps,
            int brokers,
            BenchResult ramp,
            List<FaultOutcome> faults,
            List<Skipped> skipped,
            boolean passed,
            String resultsDir) {}

    public static final List<String> HEADER = List.of(
            "fault",
            "service",
            "action",
            "recovery s",
            "peak lag",
            "p99 before ms",
            "p99 during ms",
            "p99 after ms",
            "verify",
            "verdict");

    /** The suite's table in Markdown, beside result.json and report.html. */
    public static final String SUMMARY_FILE = "summary.md";

    private final RideopsConfig config;
    private final Stack stack;
    private final PrintWriter err;

    public ChaosSuite(RideopsConfig config, Stack stack, PrintWriter err) {
        this.config = config;
        this.stack = stack;
        this.err = err;
    }

    public Result run(Plan plan, BenchRun.Verification verification, Path resultsDir, ObjectMapper json) {
        List<Skipped> skipped = new ArrayList<>();
        List<FaultScenario> faults = checkFirst(plan, skipped);
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        SuiteSequence.Ran ran = new SuiteSequence(err).run(plan, faults, new OnStack(plan, verification));
        BenchRun.Measured ramp = ran.ramp();
        List<FaultOutcome> outcomes = ran.outcomes();
        List<SuiteResults.FaultRun> runs = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            FaultOutcome outcome = outcomes.get(i);
            runs.add(new SuiteResults.FaultRun(
                    outcome.fault(),
                    row(faults.get(i), outcome),
                    outcome.result() == null ? null : measured(outcome.result())));
        }
        boolean passed = !ran.interrupted()
                && outcomes.size() == faults.size()
                && outcomes.stream().allMatch(FaultOutcome::passed)
                && (ramp == null || !Boolean.FALSE.equals(ramp.result().verifyPassed()));
        int brokers = stack.spec().kafka().brokers();
        Result result = new Result(
                startedAt, plan.eps(), brokers, ramp == null ? null : ramp.result(), outcomes, skipped, passed, null);
        try {
            Path dir = SuiteResults.write(resultsDir, startedAt, result, summary(result), ramp, HEADER, runs, json);
            Files.writeString(dir.resolve(SUMMARY_FILE), markdown(result, faults));
            return new Result(startedAt, plan.eps(), brokers, result.ramp(), outcomes, skipped, passed, dir.toString());
        } catch (IOException e) {
            throw new RideopsException(
                    "cannot write the suite's results: " + e.getMessage(),
                    "check that --results names a writable directory");
        }
    }

    /** The suite's parts on this stack, every run under the one takeover of the background generator. */
    private final class OnStack implements SuiteSequence.Parts {

        private final Plan plan;
        private final BenchRun.Verification verification;
        private GeneratorTakeover held;

        OnStack(Plan plan, BenchRun.Verification verification) {
            this.plan = plan;
            this.verification = verification;
        }

        @Override
        public SuiteSequence.Held holdGenerator() {
            held = GeneratorTakeover.begin(stack, config, "the chaos suite", plan.resumeGenerator(), err);
            return held::close;
        }

        @Override
        public BenchRun.Measured ramp() {
            return new BenchRun(config, stack, err, held)
                    .run(
                            new BenchRun.Plan(
                                    BenchMode.RAMP,
                                    "chaos-suite",
                                    plan.ramp(),
                                    plan.step(),
                                    new Warmup.Fixed(plan.warmup()),
                                    plan.volume(),
                                    "steady",
                                    plan.seed(),
                                    null,
                                    // the suite hands the generator back after its last fault
                                    false,
                                    LocalHour.BUSY,
                                    null),
                            verification,
                            // the suite writes the ramp with its faults at the end
                            before -> {});
        }

        @Override
        public LoadedChaos.Result fault(FaultScenario fault, FaultLoad.Plan load) {
            return new LoadedChaos(config, stack, err, held)
                    .run(fault, fault.downFor(), plan.recoverTimeout(), load, verification);
        }
    }

    /** Every fault exists, fits this stack and can start: refused here, nothing has been touched yet. */
    private List<FaultScenario> checkFirst(Plan plan, List<Skipped> skipped) {
        int brokers = stack.spec().kafka().brokers();
        if (plan.brokers() != null && plan.brokers() != brokers) {
            throw new RideopsException(
                    "the suite is for " + plan.brokers() + " broker(s), but this stack runs " + brokers,
                    "start it with 'rideops down && rideops up --brokers " + plan.brokers()
                            + "', or leave out --brokers");
        }
        ChaosRun chaos = new ChaosRun(config, stack, err);
        List<FaultScenario> faults = new ArrayList<>();
        for (String name : plan.faultsOrShipped()) {
            FaultScenario fault;
            try {
                fault = Profiles.fault(name);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), "'rideops chaos --list' shows the faults");
            }
            if (plan.faults() == null && fault.action() == FaultAction.NETWORK) {
                // unasked, a fault on a link this stack has no proxy listener for is left out, not refused
                try {
                    NetworkChange.check(fault, stack.spec());
                } catch (UsageException e) {
                    err.println("rideops: chaos suite: skipping " + fault.name() + ": " + e.oneLine());
                    skipped.add(new Skipped(fault.name(), e.oneLine()));
                    continue;
                }
            }
            chaos.check(fault);
            faults.add(fault);
        }
        return faults;
    }

    /** The measurement behind a fault's result, as the report draws it. */
    private static FaultLoad.Measured<ChaosRun.Result> measured(LoadedChaos.Result r) {
        return new FaultLoad.Measured<>(
                r.recovery(),
                r.targetEps(),
                r.faultStartSeconds(),
                r.faultEndSeconds(),
                r.phases(),
                r.peakConsumerLag(),
                r.notVisibleAtEnd(),
                r.intervals());
    }

    public static String[] row(FaultScenario fault, FaultOutcome o) {
        LoadedChaos.Result r = o.result();
        if (r == null) {
            return new String[] {
                fault.name(),
                fault.service(),
                fault.action().toString(),
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                "FAILED: " + o.error()
            };
        }
        return new String[] {
            fault.name(),
            fault.service(),
            fault.action().toString(),
            String.format(Locale.ROOT, "%.1f", r.recoverySeconds()),
            Long.toString(r.peakConsumerLag()),
            p99(r, FaultLoad.Phase.BEFORE),
            p99(r, FaultLoad.Phase.DURING),
            p99(r, FaultLoad.Phase.AFTER),
            r.verifyPassed() == null
                    ? "skipped"
                    : r.verifyPassed()
                            ? "passed"
                            : Boolean.TRUE.equals(
                                            LoadedChaos.verifyJudged(false, r.verifyDiffered(), r.verifyMayDiffer()))
                                    ? "as stated (" + String.join(", ", r.verifyDiffered()) + " differ)"
                                    : "FAILED",
            LoadedChaos.verdict(r)
        };
    }

    private static String p99(LoadedChaos.Result r, FaultLoad.Phase phase) {
        return r.phases().stream()
                .filter(p -> p.phase() == phase)
                .map(FaultLoad.PhaseFigures::snapshotMs)
                .map(Percentiles::p99)
                .filter(v -> v != null)
                .map(String::valueOf)
                .findFirst()
                .orElse("-");
    }

    /** The summary as a Markdown table, for the README to quote from a committed result. */
    static String markdown(Result r, List<FaultScenario> faults) {
        StringBuilder md = new StringBuilder();
        md.append("# chaos suite ").append(r.startedAt()).append("\n\n");
        md.append(summary(r)).append(".\n\n");
        md.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        md.append("|").append("---|".repeat(HEADER.size())).append("\n");
        for (int i = 0; i < r.faults().size(); i++) {
            String[] cells = row(faults.get(i), r.faults().get(i));
            md.append("| ");
            for (int c = 0; c < cells.length; c++) {
                md.append(c == 0 ? "`" + cells[c] + "`" : cells[c].replace("|", "\\|"))
                        .append(c == cells.length - 1 ? " |\n" : " | ");
            }
        }
        for (Skipped s : r.skipped()) {
            md.append("\nSkipped `")
                    .append(s.fault())
                    .append("`: ")
                    .append(s.reason())
                    .append("\n");
        }
        return md.toString();
    }

    private static String summary(Result r) {
        long passed = r.faults().stream().filter(FaultOutcome::passed).count();
        return String.format(
                Locale.ROOT,
                "started %s on %d broker(s); faults under %d changes/s: %d of %d passed%s",
                r.startedAt(),
                r.brokers(),
                r.eps(),
                passed,
                r.faults().size(),
                r.ramp() == null
                        ? "; no ramp"
                        : "; ramp verify "
                                + (r.ramp().verifyPassed() == null
                                        ? "not run"
                                        : r.ramp().verifyPassed() ? "passed" : "FAILED"));
    }
}
