package dev.rideops.cli.bench;

import dev.rideops.cli.VersionProvider;
import dev.rideops.cli.batch.CohortBatchRun;
import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.pipeline.GeneratorTakeover;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.cli.verify.Drain;
import dev.rideops.cli.verify.VerifyReport;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.generator.db.SourceDb;
import dev.rideops.generator.run.GeneratorSettings;
import dev.rideops.generator.run.LocalHour;
import dev.rideops.generator.run.Mode;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.MemoryInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A whole bench: checks the pipeline is ready, takes over the background generator (stopped for the bench, started
 * again after it), runs the plan's steps (one rate, a ramp, or a search for the highest rate that holds), then
 * verifies the bench window, and gathers everything into a {@link BenchResult}.
 */
public final class BenchRun {

    /**
     * What to run, after flags and the workload file are combined. {@code slo}: the objective a search looks for,
     * or the one a fixed-rate run is judged by (null: none). {@code resumeGenerator}: whether a background generator
     * the bench stopped is started again at the end. {@code batch}: the cohort batch a fixed-rate run starts during
     * its measured part (null: none).
     */
    public record Plan(
            BenchMode mode,
            String workload,
            List<Integer> rates,
            Duration step,
            Warmup warmup,
            Volume volume,
            String scenario,
            long seed,
            Duration slo,
            boolean resumeGenerator,
            LocalHour localHour,
            BatchUnderLoad.Plan batch) {}

    /** Runs verify on the bench window (the command passes {@code rideops verify}). */
    public interface Verification {
        VerifyReport verify(Instant since, Duration drainTimeout);
    }

    /** What a run measured: its figures, and the raw latency histograms behind them. */
    public record Measured(BenchResult result, LatencyLogs histograms) {}

    /** How long a taken-over generator's session may take to end in the database. */
    private static final Duration LOCK_RELEASE = Duration.ofSeconds(10);

    private final RideopsConfig config;
    private final Stack local;
    private final PrintWriter err;
    /** The background generator as the command this run is part of took it over; null: the run takes it over. */
    private final GeneratorTakeover held;

    public BenchRun(RideopsConfig config, Stack local, PrintWriter err) {
        this(config, local, err, null);
    }

    /**
     * A run within a command that holds the background generator across all its runs ({@code held}, a chaos suite's):
     * the run neither stops it nor starts it again, whatever its plan's {@code resumeGenerator} says.
     */
    public BenchRun(RideopsConfig config, Stack local, PrintWriter err, GeneratorTakeover held) {
        this.config = config;
        this.local = local;
        this.err = err;
        this.held = held;
    }

    /**
     * Runs the plan and then verify on its window; {@code beforeVerify} gets the figures first, so a verify that
     * fails to finish (a drain timeout after a long run) does not lose them.
     */
    public Measured run(Plan plan, Verification verification, Consumer<Measured> beforeVerify) {
        GeneratorSettings city = city(plan);
        Endpoints endpoints = Endpoints.from(config, local.spec());
        FlinkJob flink = endpoints.flink();
        String jobId = flink.runningJobId()
                .orElseThrow(() -> new RideopsException(
                        "the Flink job is not running, so there is nothing to measure",
                        "deploy it with 'rideops deploy' (the stack alone: 'rideops up --no-generate')"));
        // the batch's own refusals (a day not over, no source, no cohort tables, no job jar) come before anything runs
        CohortBatchRun batchRun = null;
        if (plan.batch() != null) {
            batchRun = new CohortBatchRun(config, endpoints, PipelineDeployment.builtJobJar(), err, Clock.systemUTC());
            batchRun.check(plan.batch().day(), plan.batch().day());
        }
        // Verify runs before the generator is started again: it drains the pipeline, which a live source never is.
        try (GeneratorTakeover takeover = takeOver("the bench", plan.resumeGenerator())) {
            Map<String, Long> probe = new LinkedHashMap<>();
            probe.put("before", CpuProbe.millis());
            String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            Instant since = Instant.now();
            LatencyLogs histograms = new LatencyLogs(since.toEpochMilli());
            StepSequence.Outcome steps;
            BatchUnderLoad.Result batch = null;
            if (batchRun == null) {
                steps = runSteps(plan, city, endpoints, flink, jobId, takeover.tookOver(), histograms);
            } else {
                CohortBatchRun runsTheBatch = batchRun;
                StepRunner.AroundOutcome<BatchUnderLoad.Ran> around =
                        withRunner(city, endpoints, flink, jobId, takeover.tookOver(), histograms, runner -> {
                            announce(plan, jobId);
                            announceBatch(plan);
                            return aroundTheBatch(plan, runsTheBatch, runner);
                        });
                steps = new StepSequence.Outcome(List.of(around.step()), null);
                batch = BatchUnderLoad.of(around.measured());
            }
            beforeVerify.accept(
                    new Measured(result(plan, startedAt, steps, null, endpoints, batch, probe), histograms));
            VerifyReport verified = verification == null ? null : verification.verify(since, Duration.ofMinutes(5));
            // after the drain and verify: the stack is as quiet as it was before the load
            probe.put("after", CpuProbe.millis());
            return new Measured(result(plan, startedAt, steps, verified, endpoints, batch, probe), histograms);
        }
    }

    /**
     * One fixed rate with the cohort batch in its measured part: a third of the duration before it, the batch as
     * 'batch cohort --date' runs it (same jar, entry class, arguments and Flink cluster), and at least a third after
     * it ends, the whole at least the duration.
     */
    private static StepRunner.AroundOutcome<BatchUnderLoad.Ran> aroundTheBatch(
            Plan plan, CohortBatchRun batchRun, StepRunner runner) {
        Duration stretch = BatchUnderLoad.stretch(plan.step());
        LocalDate day = plan.batch().day();
        StepRunner.Around how = new StepRunner.Around(
                plan.warmup(), stretch, stretch, plan.step(), true, "the cohort batch", "started");
        return runner.runAround(
                plan.rates().get(0),
                how,
                () -> {
                    Instant started = Instant.now();
                    CohortBatchRun.Result r =
                            batchRun.run(day, day, plan.batch().timeout());
                    return new BatchUnderLoad.Ran(r, started, Instant.now());
                },
                StepSequence.INTERVAL);
    }

    /**
     * Holds a rate around a fault ({@link FaultLoad}): takes over the background generator like a bench, runs the
     * fault on its own thread after the warm-up and a stretch before it, keeps the load through the recovery and a
     * stretch after it, then verifies the window. Chaos calls it with the fault as {@code fault}.
     */
    public <T> FaultLoad.Result<T> runAround(FaultLoad.Plan load, Callable<T> fault, Verification verification) {
        Plan plan = new Plan(
                BenchMode.FIXED,
                "chaos",
                List.of(load.eps()),
                load.after(),
                new Warmup.Fixed(load.warmup()),
                load.volume(),
                "steady",
                load.seed(),
                null,
                load.resumeGenerator(),
                LocalHour.BUSY,
                null);
        GeneratorSettings city = city(plan);
        Endpoints endpoints = Endpoints.from(config, local.spec());
        FlinkJob flink = endpoints.flink();
        String jobId = flink.runningJobId()
                .orElseThrow(() -> new RideopsException(
                        "the Flink job is not running, so there is no recovery to watch",
                        "deploy it with 'rideops deploy'"));
        try (GeneratorTakeover takeover = takeOver("chaos", load.resumeGenerator())) {
            Instant since = Instant.now();
            LatencyLogs histograms = new LatencyLogs(since.toEpochMilli());
            FaultLoad.Measured<T> measured = withRunner(
                    city,
                    endpoints,
                    flink,
                    jobId,
                    takeover.tookOver(),
                    histograms,
                    runner -> runner.runAround(load, fault, FaultLoad.INTERVAL));
            VerifyReport verified = verification == null ? null : verification.verify(since, Duration.ofMinutes(5));
            return new FaultLoad.Result<>(
                    measured,
                    verified == null ? null : verified.passed(),
                    verified == null ? null : verified.mismatches(),
                    verified == null ? List.of() : verified.failedChecks());
        }
    }

    private GeneratorTakeover takeOver(String purpose, boolean resume) {
        return held != null ? held.borrow() : GeneratorTakeover.begin(local, config, purpose, resume, err);
    }

    private StepSequence.Outcome runSteps(
            Plan plan,
            GeneratorSettings city,
            Endpoints endpoints,
            FlinkJob flink,
            String jobId,
            boolean tookOver,
            LatencyLogs histograms) {
        return withRunner(city, endpoints, flink, jobId, tookOver, histograms, runner -> {
            announce(plan, jobId);
            return new StepSequence(runner, err).run(plan);
        });
    }

    /** The databases stay open while {@code body} runs the generator: verify opens its own. */
    private <R> R withRunner(
            GeneratorSettings city,
            Endpoints endpoints,
            FlinkJob flink,
            String jobId,
            boolean tookOver,
            LatencyLogs histograms,
            Function<StepRunner, R> body) {
        SourceDb sourceDb = SourceDbs.from(config);
        try (Connection source = Databases.source(config);
                ReopenedConnection reporting = new ReopenedConnection(() -> Databases.reporting(config, endpoints))) {
            refuseWhileAGeneratorWrites(source, tookOver ? LOCK_RELEASE : Duration.ZERO);
            RestCalls search = endpoints.searchAsReader(config);
            OutputPollers.checkLogin(search);
            KafkaAccess kafka = endpoints.kafka(config);
            SystemSampler sampler = new SystemSampler(source, flink, jobId, kafka, localServices() ? local : null);
            boolean json = config.get(Setting.CDC_FORMAT).equals("json");
            StepRunner runner = new StepRunner(
                    new BenchContext(sourceDb, reporting, search, kafka, json, sampler, city, histograms), err);
            return body.apply(runner);
        } catch (SQLException e) {
            throw new RideopsException(
                    "the bench could not query the databases: " + e.getMessage(), "check 'rideops status'");
        }
    }

    /**
     * The bench sets the rate itself: another generator would add to it unseen. A generator just taken over has
     * exited, but the database may take a moment to end its session and with it the lock: {@code grace}.
     */
    private static void refuseWhileAGeneratorWrites(Connection source, Duration grace) throws SQLException {
        if (!Drain.generatorGone(source, grace)) {
            throw new RideopsException(
                    "a generator is already writing to the source, so the bench cannot set " + "the rate",
                    "stop it with 'rideops generate stop', then run the bench again");
        }
    }

    private void announce(Plan plan, String jobId) {
        err.printf(
                Locale.ROOT,
                "rideops: bench (%s) on volume %s, scenario %s, seed %d, the city's clock at %s; %s per step after a "
                        + "warm-up (%s); job %s%n",
                plan.mode(),
                plan.volume(),
                plan.scenario(),
                plan.seed(),
                city(plan).localHour().describe(),
                plan.step(),
                plan.warmup().describe(),
                jobId);
        err.flush();
    }

    private void announceBatch(Plan plan) {
        long stretch = BatchUnderLoad.stretch(plan.step()).toSeconds();
        err.printf(
                Locale.ROOT,
                "rideops: the cohort batch for %s starts %d s into the measured part; the run goes on until it has "
                        + "ended and %d s more (the batch may take up to %d s: --batch-timeout)%n",
                plan.batch().day(),
                stretch,
                stretch,
                plan.batch().timeout().toSeconds());
        err.flush();
    }

    /** Against remote services (a configured Flink URL) there is no local stack to sample or describe. */
    private boolean localServices() {
        return config.get(Setting.FLINK_URL).isBlank();
    }

    private BenchResult result(
            Plan plan,
            String startedAt,
            StepSequence.Outcome steps,
            VerifyReport verified,
            Endpoints endpoints,
            BatchUnderLoad.Result batch,
            Map<String, Long> cpuProbeMs) {
        StepResult headline = steps.headline();
        LocalHour clock = city(plan).localHour();
        List<String> misses =
                plan.mode() == BenchMode.FIXED && plan.slo() != null ? SloVerdict.misses(headline, plan.slo()) : null;
        return new BenchResult(
                startedAt,
                plan.mode(),
                plan.workload(),
                headline.targetEps(),
                headline.achievedEps(),
                headline.warmupSeconds(),
                headline.warmupSteady(),
                headline.latencyMs(),
                headline.maxConsumerLag(),
                headline.maxCdcLagBytes(),
                headline.lagBounded(),
                headline.coresPer1kEps(),
                headline.coresPer1kEpsByService(),
                headline.meanPingIntervalSeconds(),
                clock.hourAt(Instant.parse(startedAt)),
                clock.kind(),
                verified == null ? null : verified.passed(),
                verified == null ? null : verified.mismatches(),
                steps.maxSustainable(),
                plan.slo() == null ? null : (double) plan.slo().toMillis(),
                misses == null ? null : misses.isEmpty(),
                misses,
                steps.steps(),
                machine(cpuProbeMs),
                config(plan, endpoints),
                method(plan),
                batch);
    }

    private GeneratorSettings city(Plan plan) {
        try {
            return new GeneratorSettings(
                    Mode.STREAM,
                    plan.volume().toString(),
                    Profiles.volume(plan.volume()),
                    Profiles.scenario(plan.scenario()),
                    plan.rates().get(0),
                    plan.step(),
                    null,
                    plan.seed(),
                    1,
                    GeneratorSettings.DEFAULT_PING_INTERVAL_S,
                    plan.localHour());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "see 'rideops bench --help'");
        }
    }

    private static Map<String, Object> machine(Map<String, Long> cpuProbeMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memory_mb", MemoryInfo.totalMb(Path.of("/proc")).orElse(-1));
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        m.put("java", Runtime.version().toString());
        m.put("cpu_probe_ms", new LinkedHashMap<>(cpuProbeMs));
        VersionProvider.versions().forEach((k, v) -> m.put("version_" + k, v));
        return m;
    }

    private Map<String, Object> config(Plan plan, Endpoints endpoints) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rates", plan.rates());
        c.put("step_seconds", plan.step().toSeconds());
        c.put("warmup", plan.warmup().describe());
        c.put("volume", plan.volume().toString());
        c.put("scenario", plan.scenario());
        c.put("seed", plan.seed());
        c.put("slo_ms", plan.slo() == null ? null : plan.slo().toMillis());
        if (plan.batch() != null) {
            c.put("batch_cohort", plan.batch().day().toString());
            c.put("batch_timeout_seconds", plan.batch().timeout().toSeconds());
        }
        c.put("flink", endpoints.flinkUrl());
        c.put("kafka", endpoints.kafkaBootstrap());
        StackSpec s = local.spec();
        if (localServices()) {
            c.put("local_brokers", s.kafka().brokers());
            c.put("local_taskmanagers", s.flink().taskManagers());
            c.put("local_task_slots", s.flink().taskSlots());
            c.put("local_taskmanager_memory_mb", s.flink().taskManagerMemoryMb());
        }
        return c;
    }

    private static List<String> method(Plan plan) {
        List<String> m = new ArrayList<>(List.of(
                "latency: from the generator's commit returning (System.nanoTime) to the first poll that shows the "
                        + "change's event time; resolution is the poll interval",
                "*_intended latency: from when the rate limiter's schedule at the target rate meant the commit to "
                        + "start, which never forgives falling behind, so a generator that lags shows it "
                        + "(no coordinated omission)",
                "raw histograms: *.hlog (HdrHistogram log, microseconds, one per interval, warm-up tagged 'warmup')",
                "snapshot latency is measured on driver status changes, search latency on location pings",
                "split at Kafka (JSON change events): the bench tails the drivers and pings CDC topics (no consumer "
                        + "group, from their end); kafka is from the commit to the Kafka timestamp of its change's "
                        + "record (Connect's producer time), *_from_kafka from that timestamp to visible; a change is "
                        + "matched to its commit by event time, as the pollers match them"));
        m.addAll(OutputPollers.describe());
        m.add("cores_per_1k_eps: CPU cores of every local service and of the bench process (the generator) from "
                + "/proc, averaged over the measured intervals, per 1,000 achieved changes/s; the bench's watching "
                + "threads (its Kafka tail and output pollers, from the JVM's thread CPU time) are taken out of bench "
                + "and listed as bench-observer, which is not part of the pipeline's total");
        m.add("machine.cpu_probe_ms: CPU milliseconds of one fixed piece of work (sorting 2 million longs, counting "
                + "them into a hash map; best of 3) before the load and after verify: a shared machine's speed "
                + "varies by hours, and the CPU per change with it; compare two runs' cores_per_1k_eps with theirs");
        m.add("intervals of " + StepSequence.INTERVAL.toSeconds() + " s; the warm-up is kept out of the step figures");
        if (plan.batch() != null) {
            m.add("cohort batch: started a third of the duration into the measured part, as 'rideops batch cohort "
                    + "--date' runs it; the measured part goes on until at least a third of the duration after the "
                    + "batch ended; batch.phases splits the stream's commit-to-snapshot latency into before, during "
                    + "(every interval that overlapped the batch) and after, as chaos splits a fault's");
        }
        if (plan.warmup() instanceof Warmup.UntilSteady) {
            m.add(SteadyRule.DESCRIPTION);
        } else if (plan.mode() == BenchMode.FIND_MAX) {
            m.add("find-max: the first probe warms up for at least " + StepSequence.FIND_MAX_SETTLE.toMinutes()
                    + " min");
        }
        return m;
    }
}
