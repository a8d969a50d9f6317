package dev.rideops.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.cli.batch.CohortBatchRun;
import dev.rideops.cli.bench.BatchUnderLoad;
import dev.rideops.cli.bench.BenchMode;
import dev.rideops.cli.bench.BenchResult;
import dev.rideops.cli.bench.BenchRun;
import dev.rideops.cli.bench.FailIf;
import dev.rideops.cli.bench.FaultLoad;
import dev.rideops.cli.bench.Percentiles;
import dev.rideops.cli.bench.Ramp;
import dev.rideops.cli.bench.ResultsWriter;
import dev.rideops.cli.bench.StepResult;
import dev.rideops.cli.bench.Warmup;
import dev.rideops.cli.error.ExitCodes;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.options.LocalHourConverter;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.generator.run.LocalHour;
import dev.rideops.scenarios.BenchWorkload;
import dev.rideops.scenarios.Profiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "bench",
        description = "Drive the generator at a fixed rate (or a ramp) against the running pipeline and measure "
                + "throughput, commit-to-visible latency percentiles and lag; results go to bench/results/.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops bench --eps 5000 --duration 10m",
            "  rideops bench --ramp 1000:5000:1000 --step 60s",
            "  rideops bench --eps 534 --volume large --batch-cohort   # yesterday's cohort batch under large's stream",
            "  rideops bench --eps 5000 --batch-cohort 2026-11-27 --batch-timeout 20m"
        },
        subcommands = BenchCommand.Compare.class)
public class BenchCommand extends BaseCommand {

    @Option(names = "--eps", paramLabel = "N", description = "Target source row changes per second.")
    Integer eps;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Length of a fixed-rate run, after the warm-up (default 3m, the window the README's figures use).")
    Duration duration;

    @Option(names = "--ramp", paramLabel = "FROM:TO:STEP", description = "Ramp the rate, e.g. 1000:5000:1000.")
    String ramp;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time per ramp or --find-max step, after its warm-up (default 60s).")
    Duration step;

    @Option(
            names = "--find-max",
            description = "Search the highest rate achieved within 2 %% with p99 under --slo and bounded lag; with a "
                    + "fixed --warmup the first probe warms the stack up for at least 3 minutes.")
    boolean findMax;

    @Option(
            names = "--slo",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "p99 commit-to-snapshot latency objective. --find-max searches the highest rate under it "
                    + "(default 1s); a fixed-rate run exits 1 when its p99 exceeds it or it achieves more than 2 %% "
                    + "less than the target rate.")
    Duration slo;

    @Option(
            names = "--workload",
            paramLabel = "NAME|FILE",
            description = "A workload from scenarios/bench (sustained-5k, ramp-1k-5k, smoke) or a .yaml file; "
                    + "flags override its fields.")
    String workload;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "A fixed warm-up before each step's figures are taken, instead of the automatic one.")
    Duration warmup;

    @Option(
            names = "--max-warmup",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Bound of the automatic warm-up (default ${DEFAULT-VALUE}). Without --warmup each step warms "
                    + "up at its rate until steady: the last 3 intervals (30 s) each within 2 %% of the target rate, "
                    + "consumer lag not growing (slope at most 1 %% of the target per second), and their snapshot "
                    + "p99s within 20 %% of each other (highest <= 1.2 x lowest). Warm-up intervals are shown, "
                    + "with what is not steady yet, and kept out of the figures.")
    Duration maxWarmup;

    @Mixin
    LoadOptions load;

    @Option(
            names = "--local-hour",
            paramLabel = "H|now",
            defaultValue = "" + LocalHour.BUSY_HOUR,
            converter = LocalHourConverter.class,
            description = "The hour (0-23, on a Wednesday, UTC+7) the city's clock shows as each step starts "
                    + "(default ${DEFAULT-VALUE}, the busy hour the city is sized for, so the rate comes from the "
                    + "fleet online at its evening peak whatever the time); 'now' plays the wall clock's hour, when "
                    + "a night-time city may make less than the target.")
    LocalHour localHour;

    @Option(
            names = "--batch-cohort",
            paramLabel = "DAY",
            arity = "0..1",
            fallbackValue = YESTERDAY,
            description = "Run the cohort batch for this finished UTC day (YYYY-MM-DD; without a value, yesterday) "
                    + "during a fixed-rate run, as 'rideops batch cohort --date DAY' does (same job jar and Flink "
                    + "cluster, local or remote): it starts a third of --duration into the measured part, and the "
                    + "run goes on until the batch has ended and a third of --duration has passed after it. Reports "
                    + "the batch's time and rows, and the stream's latency before, during and after it; exits 1 if "
                    + "the batch fails.")
    String batchCohort;

    @Option(
            names = "--batch-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "With --batch-cohort: how long the batch may run (default 30m, as 'batch cohort "
                    + "--timeout'); its job is cancelled then and the bench exits 1. It bounds how far the run is "
                    + "extended.")
    Duration batchTimeout;

    /** Today's date for --batch-cohort's default and refusals; a test fixes it. */
    Clock clock = Clock.systemUTC();

    @Option(names = "--no-verify", description = "Skip 'rideops verify' on the bench window at the end.")
    boolean noVerify;

    @Option(
            names = "--no-resume",
            description = "Leave the background generator (from 'up' or 'generate --detach') stopped after the "
                    + "bench; by default the bench stops it and starts it again with its arguments at the end.")
    boolean noResume;

    @Mixin
    ResultsOption results;

    @Mixin
    JsonMixin json;

    /**
     * It may stop and start the background generator, and a 'down', 'deploy' or 'chaos' meanwhile would spoil the
     * measurement anyway.
     */
    @Override
    protected boolean changesStack() {
        return true;
    }

    /** A generator the bench took over must run again even after a Ctrl-C: long enough to start it. */
    private static final Duration CLEANUP = Duration.ofMinutes(2);

    @Override
    protected int execute() {
        BenchRun.Plan plan = plan();
        BenchRun.Measured measured;
        Path[] written = new Path[1];
        try (OnSignal signals = OnSignal.interrupt(CLEANUP)) {
            measured = new BenchRun(config(), Stacks.current(config()), err())
                    .run(plan, VerifyCommand.onWindow(noVerify, config(), err()), before -> written[0] = write(before));
        } catch (RideopsException e) {
            if (written[0] != null) {
                err().println("rideops: results without verify in " + written[0]);
                err().flush();
            }
            throw e;
        }
        BenchResult result = measured.result();
        Path dir = write(measured);
        if (json.enabled()) {
            Json.print(out(), result);
        } else {
            print(out(), result);
        }
        err().println("rideops: results in " + dir + " (result.json, intervals.csv, *.hlog, report.html)");
        err().flush();
        if (result.batch() != null && !result.batch().succeeded()) {
            err().println(batchFailure(result.batch(), plan.batch().timeout()));
            err().flush();
        }
        if (result.sloPassed() != null) {
            err().println(
                            result.sloPassed()
                                    ? "rideops: SLO met: snapshot p99 "
                                            + result.latencyMs().snapshot().p99() + " ms <= "
                                            + result.sloMs().longValue() + " ms, achieved rate within 2 % of the target"
                                    : "rideops: SLO missed: " + String.join("; ", result.sloMisses()));
            err().flush();
        }
        boolean failed = (result.batch() != null && !result.batch().succeeded())
                || Boolean.FALSE.equals(result.verifyPassed())
                || Boolean.FALSE.equals(result.sloPassed())
                || result.steps().stream().anyMatch(s -> s.notVisibleAtEnd() > 0);
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private Path write(BenchRun.Measured measured) {
        try {
            return ResultsWriter.write(results.dir(), measured, Json.mapper());
        } catch (IOException e) {
            throw new RideopsException(
                    "cannot write the bench results: " + e.getMessage(),
                    "check that --results names a writable directory");
        }
    }

    /** The one line naming a failed batch's error; a cancelled one ran into --batch-timeout. */
    static String batchFailure(BatchUnderLoad.Result b, Duration timeout) {
        return "rideops: the cohort batch for " + b.date() + " failed: " + b.error()
                + ("CANCELED".equals(b.state())
                        ? " (not done within --batch-timeout " + timeout.toSeconds() + "s)"
                        : "")
                + "; 'rideops batch status' shows the day, 'rideops logs flink-taskmanager-1' the job's log";
    }

    static final String YESTERDAY = "yesterday";
    private static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration DEFAULT_STEP = Duration.ofSeconds(60);
    private static final Duration DEFAULT_DURATION = Duration.ofMinutes(3);
    private static final Duration DEFAULT_SLO = Duration.ofSeconds(1);

    /** Flags over the workload file over the defaults. */
    BenchRun.Plan plan() {
        BenchWorkload w;
        try {
            w = workload == null ? null : Profiles.workload(workload);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "see 'rideops bench --help'");
        }
        Integer rate = eps != null ? eps : w == null ? null : w.eps();
        String rampText = ramp != null ? ramp : w == null ? null : w.ramp();
        BenchMode mode = mode(rampText != null, rate != null);
        List<Integer> rates;
        try {
            rates = mode == BenchMode.RAMP ? Ramp.parse(rampText) : List.of(rate == null ? 1000 : rate);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "see 'rideops bench --help'");
        }
        Duration each = mode == BenchMode.FIXED
                ? orElse(duration, w == null ? null : w.duration(), DEFAULT_DURATION)
                : orElse(step, w == null ? null : w.step(), DEFAULT_STEP);
        return new BenchRun.Plan(
                mode,
                w == null ? "flags" : w.name(),
                rates,
                each,
                warmup(w),
                load.volume(w == null ? null : w.volume(), "see 'rideops bench --help'"),
                w != null && w.scenario() != null ? w.scenario() : "steady",
                load.seed(w == null ? null : w.seed()),
                slo == null && mode == BenchMode.FIND_MAX ? DEFAULT_SLO : slo,
                !noResume,
                localHour,
                batch(mode, each));
    }

    /** --batch-cohort's day and bound, refused in one line before anything runs; null without the flag. */
    private BatchUnderLoad.Plan batch(BenchMode mode, Duration measured) {
        if (batchCohort == null) {
            if (batchTimeout != null) {
                throw new UsageException(
                        "--batch-timeout is for --batch-cohort", "add --batch-cohort [DAY], or leave it out");
            }
            return null;
        }
        if (mode != BenchMode.FIXED) {
            throw new UsageException(
                    "--batch-cohort measures the batch under one rate, not a " + mode + " run",
                    "give it a fixed rate, e.g. 'rideops bench --eps 5000 --batch-cohort'");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate day;
        if (batchCohort.isBlank() || batchCohort.equalsIgnoreCase(YESTERDAY)) {
            day = today.minusDays(1);
        } else {
            try {
                day = LocalDate.parse(batchCohort.trim());
            } catch (DateTimeParseException e) {
                throw new UsageException(
                        "--batch-cohort '" + batchCohort + "' is not a day",
                        "give a finished UTC day as YYYY-MM-DD, e.g. --batch-cohort " + today.minusDays(1)
                                + ", or no value for yesterday");
            }
        }
        CohortBatchRun.days(day, day, today); // a day that has not ended is refused as 'batch cohort' refuses it
        BatchUnderLoad.requireLongEnough(measured);
        Duration timeout = batchTimeout == null ? DEFAULT_BATCH_TIMEOUT : batchTimeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UsageException("--batch-timeout must be positive", "e.g. --batch-timeout 30m");
        }
        return new BatchUnderLoad.Plan(day, timeout);
    }

    /** A fixed warm-up when the flag or the workload names one, else the automatic one. */
    private Warmup warmup(BenchWorkload w) {
        Duration fixed = warmup != null ? warmup : w == null ? null : w.warmup();
        return fixed != null ? new Warmup.Fixed(fixed) : new Warmup.UntilSteady(maxWarmup);
    }

    /** --find-max wins; a ramp (flag or workload) runs unless --eps overrides it; else any rate is held. */
    private BenchMode mode(boolean ramps, boolean hasRate) {
        if (findMax) {
            return BenchMode.FIND_MAX;
        }
        if (ramps && eps == null) {
            return BenchMode.RAMP;
        }
        if (hasRate) {
            return BenchMode.FIXED;
        }
        throw new UsageException(
                "bench needs a rate: --eps N, --ramp FROM:TO:STEP, --find-max or --workload NAME",
                "e.g. 'rideops bench --eps 5000 --duration 10m' or 'rideops bench --workload smoke'");
    }

    private static Duration orElse(Duration flag, Duration fromWorkload, Duration fallback) {
        return flag != null ? flag : fromWorkload != null ? fromWorkload : fallback;
    }

    /** Where each step's latency went, split at Kafka; nothing when the bench did not tail Kafka (Avro). */
    private static void printKafkaSplit(PrintWriter out, BenchResult r) {
        if (r.steps().stream().allMatch(s -> s.latencyMs().kafka().count() == 0)) {
            return;
        }
        Table split = new Table(
                "TARGET/S",
                "COMMIT->KAFKA p50/p99/max ms",
                "KAFKA->SNAPSHOT p50/p99/max ms",
                "KAFKA->SEARCH p50/p99/max ms");
        for (StepResult s : r.steps()) {
            split.row(
                    s.targetEps(),
                    p50p99max(s.latencyMs().kafka()),
                    p50p99max(s.latencyMs().snapshotFromKafka()),
                    p50p99max(s.latencyMs().searchFromKafka()));
        }
        out.printf("%nthe same changes split at Kafka (the record's timestamp):%n");
        split.print(out);
    }

    /** A latency's cell in the tables: "p50 / p99 / max", or "-" when nothing was measured. */
    private static String p50p99max(Percentiles p) {
        return p.count() == 0 ? "-" : p.p50() + " / " + p.p99() + " / " + p.max();
    }

    static void print(PrintWriter out, BenchResult r) {
        Table table = new Table(
                "TARGET/S",
                "WARM-UP",
                "ACHIEVED/S",
                "SNAPSHOT p50/p95/p99/p99.9/max ms",
                "FROM INTENDED p50/p99/max ms",
                "SEARCH p50/p99/max ms",
                "MAX LAG",
                "LAG",
                "CDC LAG");
        for (StepResult s : r.steps()) {
            Percentiles snap = s.latencyMs().snapshot();
            Percentiles search = s.latencyMs().search();
            Percentiles intended = s.latencyMs().snapshotIntended();
            table.row(
                    s.targetEps(),
                    String.format(
                            Locale.ROOT, "%.0f s, %s", s.warmupSeconds(), s.warmupSteady() ? "steady" : "NOT STEADY"),
                    s.achievedEps(),
                    snap.count() == 0
                            ? "-"
                            : snap.p50() + " / " + snap.p95() + " / " + snap.p99() + " / " + snap.p999() + " / "
                                    + snap.max(),
                    p50p99max(intended),
                    p50p99max(search),
                    s.maxConsumerLag(),
                    s.lagBounded() ? "bounded" : "GROWING",
                    s.maxCdcLagBytes() < 0 ? "?" : s.maxCdcLagBytes() / 1024 + " KiB");
        }
        table.print(out);
        printKafkaSplit(out, r);
        out.printf(
                Locale.ROOT,
                "%nthe city's clock: %02d:00 local as each step started (%s)%n",
                r.localHour(),
                r.localClock().equals("wall") ? "the wall clock, UTC+7" : "--local-hour, on a Wednesday");
        if (r.meanPingIntervalSeconds() != null) {
            out.printf(
                    Locale.ROOT,
                    "%none ping every %.1f s per online driver (the rate comes from the size of the city)%n",
                    r.meanPingIntervalSeconds());
        }
        if (r.coresPer1kEps() != null) {
            out.printf(
                    Locale.ROOT,
                    "%ncores per 1,000 changes/s: %.3f (%s; bench-observer, the bench's own watching, not in the "
                            + "total)%n",
                    r.coresPer1kEps(),
                    r.coresPer1kEpsByService().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
            if (r.machine().get("cpu_probe_ms") instanceof Map<?, ?> probe && !probe.isEmpty()) {
                out.printf(
                        Locale.ROOT,
                        "the machine's CPU probe (ms for one fixed piece of work; a slower machine costs more CPU per "
                                + "change): %s%n",
                        probe.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey())
                                .collect(Collectors.joining(", ")));
            }
        }
        if (r.maxSustainableEps() != null) {
            out.printf(
                    Locale.ROOT,
                    "%nmax sustainable rate: %d changes/s (p99 snapshot <= %.0f ms, lag bounded)%n",
                    r.maxSustainableEps(),
                    r.sloMs());
        }
        if (r.batch() != null) {
            printBatch(out, r.batch());
        }
        out.printf(
                "%nverify on the bench window: %s%n",
                r.verifyPassed() == null
                        ? "skipped"
                        : r.verifyPassed() ? "passed" : "FAILED (" + r.verifyMismatches() + " mismatches)");
        out.flush();
    }

    /** The cohort batch's line, then the stream in each phase around it, as chaos prints a fault's. */
    private static void printBatch(PrintWriter out, BatchUnderLoad.Result b) {
        out.printf("%n%s%n", BatchUnderLoad.describe(b));
        Table phases = new Table(FaultLoad.PHASE_HEADER.toArray(String[]::new));
        FaultLoad.phaseRows(b.phases()).forEach(row -> phases.row((Object[]) row));
        phases.print(out);
        if (!b.coresDuring().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "cores during the batch: %s%n",
                    b.coresDuring().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
    }

    @Command(
            name = "compare",
            description = "Print the ratio of two bench runs' figures (B relative to A); with --fail-if, exit 1 when B "
                    + "regressed beyond a limit.")
    static class Compare extends BaseCommand {
        @Parameters(index = "0", paramLabel = "A", description = "A result directory or result.json.")
        Path a;

        @Parameters(index = "1", paramLabel = "B", description = "A result directory or result.json.")
        Path b;

        @Option(
                names = "--fail-if",
                paramLabel = "METRIC=+N%",
                converter = FailIfConverter.class,
                description = "Exit 1 when B is worse than A by more than N % (repeatable), e.g. p99=+10% or "
                        + "achieved_eps=-2%. Metrics: p50, p95, p99, p999, intended_p99 (snapshot), search_p99 "
                        + "(ms) and cores_per_1k_eps (worse up); achieved_eps (worse down).")
        List<FailIf> failIf = new ArrayList<>();

        @Mixin
        JsonMixin json;

        @Override
        protected int execute() {
            JsonNode left = read(a);
            JsonNode right = read(b);
            List<FailIf.Verdict> verdicts =
                    failIf.stream().map(f -> f.judge(left, right)).toList();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String[] figure : FIGURES) {
                JsonNode x = left.at(figure[1]);
                JsonNode y = right.at(figure[1]);
                Double ratio = x.isNumber() && y.isNumber() && x.asDouble() != 0 ? y.asDouble() / x.asDouble() : null;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("figure", figure[0]);
                row.put("a", x.isNumber() ? x.asDouble() : null);
                row.put("b", y.isNumber() ? y.asDouble() : null);
                row.put("ratio", ratio == null ? null : Math.round(ratio * 1000) / 1000.0);
                rows.add(row);
            }
            List<String> regressions = texts(verdicts, FailIf.Outcome.REGRESSED);
            if (json.enabled()) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("a", a.toString());
                report.put("b", b.toString());
                report.put("figures", rows);
                report.put("regressions", regressions);
                Json.print(out(), report);
            } else {
                Table table = new Table("FIGURE", "A", "B", "B/A");
                for (Map<String, Object> row : rows) {
                    table.row(
                            row.get("figure"),
                            show(row.get("a")),
                            show(row.get("b")),
                            row.get("ratio") == null ? "-" : String.format(Locale.ROOT, "%.3fx", row.get("ratio")));
                }
                table.print(out());
            }
            texts(verdicts, FailIf.Outcome.NOT_JUDGED).forEach(t -> err().println("rideops: --fail-if " + t));
            if (!regressions.isEmpty()) {
                err().println("rideops: B regressed beyond --fail-if: " + String.join("; ", regressions));
            }
            err().flush();
            return regressions.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private static List<String> texts(List<FailIf.Verdict> verdicts, FailIf.Outcome outcome) {
            return verdicts.stream()
                    .filter(v -> v.outcome() == outcome)
                    .map(FailIf.Verdict::text)
                    .toList();
        }

        /** A bad gate is a bad flag: one line and exit 2, before any file is read. */
        static final class FailIfConverter implements ITypeConverter<FailIf> {
            @Override
            public FailIf convert(String value) {
                try {
                    return FailIf.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            }
        }

        private static final String[][] FIGURES = {
            {"target eps", "/target_eps"},
            {"achieved eps", "/achieved_eps"},
            {"snapshot p50 ms", "/latency_ms/snapshot/p50"},
            {"snapshot p99 ms", "/latency_ms/snapshot/p99"},
            {"snapshot p99.9 ms", "/latency_ms/snapshot/p999"},
            {"snapshot max ms", "/latency_ms/snapshot/max"},
            {"snapshot p99 from intended ms", "/latency_ms/snapshot_intended/p99"},
            {"search p50 ms", "/latency_ms/search/p50"},
            {"search p99 ms", "/latency_ms/search/p99"},
            {"max consumer lag", "/max_consumer_lag"},
            {"max CDC lag bytes", "/max_cdc_lag_bytes"},
            {"max sustainable eps", "/max_sustainable_eps"},
            {"cores per 1k eps", "/cores_per_1k_eps"},
            {"ping interval s", "/mean_ping_interval_seconds"},
        };

        private static String show(Object v) {
            return v == null ? "-" : String.format(Locale.ROOT, "%.1f", (Double) v);
        }

        private JsonNode read(Path p) {
            Path file = Files.isDirectory(p) ? p.resolve("result.json") : p;
            try {
                return Json.mapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new UsageException(
                        "cannot read bench result " + file + ": " + e.getMessage(),
                        "give a directory under bench/results or its result.json");
            }
        }
    }
}
