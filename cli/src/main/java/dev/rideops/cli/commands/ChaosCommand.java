package dev.rideops.cli.commands;

import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.bench.Ramp;
import dev.rideops.cli.chaos.ChaosRun;
import dev.rideops.cli.chaos.ChaosSuite;
import dev.rideops.cli.chaos.LoadedChaos;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.scenarios.DurationText;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.Profiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "chaos",
        description = "Inject a real fault into the running local stack (a SIGKILL, a restart, a SIGSTOP/SIGCONT "
                + "pause of one service, or a schema change on the live source), bring it back, and report how long "
                + "the pipeline took to recover. With --eps it also drives the generator at that rate through a "
                + "warm-up, the fault and the recovery, reports latency before, during and after, and runs verify "
                + "on the window: exit 1 when anything was lost or doubled.",
        footer = {
            "%nExamples:",
            "  rideops chaos --list",
            "  rideops chaos pause-broker --eps 1000 --down-for 20s",
            "  rideops chaos schema-add-column --eps --json",
            "  rideops chaos suite --eps 1000 --brokers 3"
        },
        subcommands = ChaosCommand.Suite.class)
public class ChaosCommand extends BaseCommand {

    /** The shipped faults, for completion and help. */
    static final class Faults implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Profiles.FAULTS.iterator();
        }
    }

    /** The rate {@code --eps} alone asks for. */
    static final String DEFAULT_EPS = "1000";

    @Parameters(
            paramLabel = "FAULT",
            arity = "0..1",
            completionCandidates = Faults.class,
            description = "One of: ${COMPLETION-CANDIDATES}; or a fault .yaml file (scenarios/faults shows the shape).")
    String fault;

    @Option(names = "--list", description = "Describe the available faults and exit.")
    boolean list;

    @Option(
            names = "--down-for",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long the service stays down (or paused, or a schema change stays live) before it is "
                    + "undone (default: the fault's own).")
    Duration downFor;

    @Option(
            names = "--recover-timeout",
            paramLabel = "DURATION",
            defaultValue = "3m",
            converter = DurationConverter.class,
            description = "How long the pipeline may take to recover, from the fault (default ${DEFAULT-VALUE}).")
    Duration recoverTimeout;

    @Option(
            names = "--eps",
            paramLabel = "N",
            arity = "0..1",
            fallbackValue = DEFAULT_EPS,
            description = "Run the fault under load: the generator writes N changes/s (--eps alone: " + DEFAULT_EPS
                    + ") from a warm-up to after the recovery, taking over the background generator meanwhile; then "
                    + "verify runs on the window. Without it the fault alone is injected.")
    Integer eps;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "With --eps: warm-up at the rate, kept out of the figures (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--before",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "With --eps: load measured before the fault (default ${DEFAULT-VALUE}).")
    Duration before;

    @Option(
            names = "--after",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "With --eps: load measured after the recovery (default ${DEFAULT-VALUE}).")
    Duration after;

    /** With --eps. */
    @Mixin
    LoadOptions load;

    @Option(names = "--no-verify", description = "With --eps: skip verify on the window.")
    boolean noVerify;

    @Option(
            names = "--no-resume",
            description = "With --eps: leave the background generator stopped afterwards (by default it is started "
                    + "again with its arguments).")
    boolean noResume;

    @Mixin
    JsonMixin json;

    /** A background generator taken over for the load must run again even after a Ctrl-C. */
    private static final Duration CLEANUP = Duration.ofMinutes(2);

    @Override
    protected boolean changesStack() {
        return fault != null && !list;
    }

    @Override
    protected int execute() {
        if (list) {
            printList();
            return 0;
        }
        if (fault == null) {
            throw new UsageException(
                    "chaos needs a fault: one of " + String.join(", ", Profiles.FAULTS),
                    "e.g. 'rideops chaos kill-taskmanager'; 'rideops chaos --list' describes them");
        }
        FaultScenario scenario;
        try {
            scenario = Profiles.fault(fault);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "'rideops chaos --list' shows the faults");
        }
        Duration down = downFor != null ? downFor : scenario.downFor();
        return eps == null ? faultAlone(scenario, down) : underLoad(scenario, down, loadPlan());
    }

    private int faultAlone(FaultScenario scenario, Duration down) {
        ChaosRun.Result result =
                new ChaosRun(config(), Stacks.current(config()), err()).run(scenario, down, recoverTimeout);
        if (json.enabled()) {
            Json.print(out(), result);
        } else {
            Table table = new Table("RECOVERY", "");
            ChaosRun.rows(result).forEach(row -> table.row((Object[]) row));
            table.print(out());
            out().println();
            out().println("Check nothing was lost or duplicated: rideops generate stop && rideops verify --since 15m"
                    + " (or run the fault under load: --eps)");
            out().flush();
        }
        return result.asExpected() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private int underLoad(FaultScenario scenario, Duration down, FaultLoad.Plan plan) {
        LoadedChaos.Result result;
        try (OnSignal signals = OnSignal.interrupt(CLEANUP)) {
            result = new LoadedChaos(config(), Stacks.current(config()), err())
                    .run(scenario, down, recoverTimeout, plan, VerifyCommand.onWindow(noVerify, config(), err()));
        }
        if (json.enabled()) {
            Json.print(out(), result);
        } else {
            Table phases = new Table("PHASE", "LENGTH", "ACHIEVED/S", "SNAPSHOT p95/p99/max ms", "PEAK LAG");
            LoadedChaos.phaseRows(result).forEach(row -> phases.row((Object[]) row));
            phases.print(out());
            out().println();
            Table recovery = new Table("RECOVERY", "");
            ChaosRun.rows(result.recovery()).forEach(row -> recovery.row((Object[]) row));
            recovery.print(out());
            out().println();
            out().println(LoadedChaos.verdict(result));
            out().flush();
        }
        return result.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** The load's plan, checked before anything is touched. */
    FaultLoad.Plan loadPlan() {
        if (eps <= 0) {
            throw new UsageException("--eps must be a positive rate, was " + eps, "e.g. --eps 1000");
        }
        return new FaultLoad.Plan(
                eps,
                load.volume(null, "see 'rideops chaos --help'"),
                load.seed(null),
                warmup,
                before,
                after,
                !noResume);
    }

    private void printList() {
        List<FaultScenario> faults = new ArrayList<>();
        Profiles.FAULTS.forEach(name -> faults.add(Profiles.fault(name)));
        if (json.enabled()) {
            Json.print(out(), faults);
            return;
        }
        Table table = new Table("FAULT", "SERVICE", "ACTION", "DOWN", "EXPECT", "WHAT IT TESTS");
        faults.forEach(f -> table.row(
                f.name(),
                f.service(),
                f.action().signal(),
                DurationText.format(f.downFor()),
                f.expect() == null ? "-" : f.expect() + (f.keptForGood() ? ", kept" : ", reverted"),
                f.description()));
        table.print(out());
        out().flush();
    }

    @Command(
            name = "suite",
            description = "The resilience suite in one go: the bench's ramp (1k-5k changes/s), then every fault under "
                    + "load at --eps with verify after each; one result directory (result.json, intervals.csv, "
                    + "fault-intervals.csv, report.html with each fault's window shaded). The background generator "
                    + "is stopped once for the whole suite and started again at its end. Exit 1 unless every fault "
                    + "passed and verify passed after the ramp; Ctrl-C after the ramp ends the suite, writes what "
                    + "ran and fails it.",
            footer = {"%nExample:", "  rideops chaos suite --eps 1000 --brokers 3"})
    static class Suite extends BaseCommand {

        @Option(
                names = "--eps",
                paramLabel = "N",
                defaultValue = DEFAULT_EPS,
                description = "The rate every fault runs under (default ${DEFAULT-VALUE}).")
        int eps;

        @Option(
                names = "--brokers",
                paramLabel = "1|3",
                description = "The broker count the suite is meant for; refused unless the stack runs that many.")
        Integer brokers;

        @Option(
                names = "--ramp",
                paramLabel = "FROM:TO:STEP",
                defaultValue = "1000:5000:1000",
                description = "The ramp run first (default ${DEFAULT-VALUE}).")
        String ramp;

        @Option(names = "--no-ramp", description = "Run the faults only.")
        boolean noRamp;

        @Option(
                names = "--step",
                paramLabel = "DURATION",
                defaultValue = "60s",
                converter = DurationConverter.class,
                description = "Each ramp rate's measured time (default ${DEFAULT-VALUE}).")
        Duration step;

        @Option(
                names = "--faults",
                paramLabel = "NAME",
                split = ",",
                description = "The faults to run, in order (default: every shipped one the stack can take; a fault on "
                        + "the Kafka-job link needs kafka.proxy-port).")
        List<String> faults;

        @Option(
                names = "--warmup",
                paramLabel = "DURATION",
                defaultValue = "30s",
                converter = DurationConverter.class,
                description = "Warm-up of each ramp rate and of the first fault (default ${DEFAULT-VALUE}).")
        Duration warmup;

        @Option(
                names = "--settle",
                paramLabel = "DURATION",
                defaultValue = "10s",
                converter = DurationConverter.class,
                description = "Load before each later fault's measured stretch, in place of a warm-up: the pipeline "
                        + "and the generator are warm from the fault before (default ${DEFAULT-VALUE}, at most "
                        + "--warmup).")
        Duration settle;

        @Option(
                names = "--before",
                paramLabel = "DURATION",
                defaultValue = "30s",
                converter = DurationConverter.class,
                description = "Load measured before each fault (default ${DEFAULT-VALUE}).")
        Duration before;

        @Option(
                names = "--after",
                paramLabel = "DURATION",
                defaultValue = "30s",
                converter = DurationConverter.class,
                description = "Load measured after each recovery (default ${DEFAULT-VALUE}).")
        Duration after;

        @Option(
                names = "--recover-timeout",
                paramLabel = "DURATION",
                defaultValue = "3m",
                converter = DurationConverter.class,
                description = "How long each recovery may take (default ${DEFAULT-VALUE}).")
        Duration recoverTimeout;

        @Mixin
        LoadOptions load;

        @Option(names = "--no-verify", description = "Skip verify after the ramp and after each fault.")
        boolean noVerify;

        @Option(
                names = "--no-resume",
                description = "Leave the background generator stopped after the suite (by default the suite stops "
                        + "it once, before the ramp, and starts it again with its arguments at the end).")
        boolean noResume;

        @Mixin
        ResultsOption results;

        @Mixin
        JsonMixin json;

        @Override
        protected boolean changesStack() {
            return true;
        }

        @Override
        protected int execute() {
            if (eps <= 0) {
                throw new UsageException("--eps must be a positive rate, was " + eps, "e.g. --eps 1000");
            }
            if (brokers != null && brokers != 1 && brokers != 3) {
                throw new UsageException("--brokers must be 1 or 3, was " + brokers, "e.g. --brokers 3");
            }
            List<Integer> rates;
            try {
                rates = noRamp ? List.of() : Ramp.parse(ramp);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), "see 'rideops chaos suite --help'");
            }
            ChaosSuite.Plan plan = new ChaosSuite.Plan(
                    eps,
                    brokers,
                    rates,
                    step,
                    warmup,
                    settle,
                    before,
                    after,
                    load.volume(null, "see 'rideops chaos suite --help'"),
                    load.seed(null),
                    recoverTimeout,
                    faults == null || faults.isEmpty() ? null : faults,
                    !noResume);
            // printed before the block ends: after a Ctrl-C the JVM exits as soon as the block lets it
            try (OnSignal signals = OnSignal.interrupt(CLEANUP)) {
                ChaosSuite.Result result = new ChaosSuite(config(), Stacks.current(config()), err())
                        .run(plan, VerifyCommand.onWindow(noVerify, config(), err()), results.dir(), Json.mapper());
                print(result);
                return result.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
            }
        }

        private void print(ChaosSuite.Result result) {
            if (json.enabled()) {
                Json.print(out(), result);
            } else {
                Table table = new Table(ChaosSuite.HEADER.toArray(String[]::new));
                result.faults().forEach(f -> table.row((Object[]) ChaosSuite.row(Profiles.fault(f.fault()), f)));
                table.print(out());
                out().printf(Locale.ROOT, "%nsuite %s%n", result.passed() ? "passed" : "FAILED");
                out().flush();
            }
            err().println("rideops: results in " + result.resultsDir()
                    + " (result.json, summary.md, intervals.csv, fault-intervals.csv, report.html)");
            err().flush();
        }
    }
}
