package dev.rideops.cli.commands;

import dev.rideops.cli.config.DatabaseTls;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.RestTls;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.SearchLogins;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.exporter.BackgroundExporter;
import dev.rideops.cli.options.DurationConverter;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.options.LocalHourConverter;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.pipeline.BackgroundDashboard;
import dev.rideops.cli.pipeline.BackgroundGenerator;
import dev.rideops.cli.pipeline.DatabaseSetup;
import dev.rideops.cli.pipeline.DeployRequest;
import dev.rideops.cli.pipeline.HistorySeed;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.cli.pipeline.PipelineHealth;
import dev.rideops.cli.pipeline.Readiness;
import dev.rideops.generator.run.GeneratorSettings;
import dev.rideops.generator.run.LocalHour;
import dev.rideops.scenarios.Volume;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.ServiceStatus;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import dev.rideops.stack.os.CurrentUser;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.PortOwners;
import dev.rideops.stack.os.PrivateDirs;
import dev.rideops.stack.preflight.Check;
import dev.rideops.stack.preflight.CheckStatus;
import dev.rideops.stack.preflight.Preflight;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.services.RegistryService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "up",
        description = "Start the whole pipeline: preflight, stack, deploy, a few hours of recent history, the "
                + "generator at --volume, then health checks. Running it again is harmless.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops up                                # small city, real-time clock, the last 2 hours seeded",
            "  rideops up --volume tiny --time-scale 12  # rides 12x faster: whole trips within a minute",
            "  rideops up --history 0                    # no seeded history, only the live stream",
            "  rideops up --local-hour 18                # the evening peak, whatever the time"
        })
public class UpCommand extends BaseCommand {

    @Option(
            names = "--volume",
            paramLabel = "VOLUME",
            description = "Traffic preset: ${COMPLETION-CANDIDATES} (default small).")
    Volume volume;

    @Option(names = "--no-generate", description = "Start the stack only: no deploy, no generator.")
    boolean noGenerate;

    @Option(
            names = "--history",
            paramLabel = "DURATION",
            defaultValue = "2h",
            converter = DurationConverter.class,
            description = "Recent history written (seed mode) before the live generator starts, so a fresh stack "
                    + "shows whole rides at once; 0 for none (default ${DEFAULT-VALUE}).")
    Duration history;

    @Option(
            names = "--time-scale",
            paramLabel = "N",
            defaultValue = "1",
            description = "How many times faster than real time the city runs, seeded history and live stream "
                    + "alike (default ${DEFAULT-VALUE}; see 'rideops generate --help').")
    double timeScale;

    @Option(
            names = "--local-hour",
            paramLabel = "H|now",
            defaultValue = "now",
            converter = LocalHourConverter.class,
            description = "The hour (0-23, on a Wednesday, UTC+7) the city's clock shows as the live generator "
                    + "starts, the seeded history leading up to it; default ${DEFAULT-VALUE}, the wall clock (see "
                    + "'rideops generate --help').")
    LocalHour localHour;

    @Mixin
    StackOptions stackOptions;

    @Mixin
    JsonMixin json;

    @Override
    protected boolean changesStack() {
        return true;
    }

    /** The first 'up' generates the passwords the user did not set. */
    @Override
    protected boolean needsSecrets() {
        return true;
    }

    @Override
    protected List<FlagValue> configFlags() {
        List<FlagValue> flags = new ArrayList<>(stackOptions.flags());
        if (volume != null) {
            flags.add(new FlagValue(Setting.GENERATOR_VOLUME, volume.toString(), "--volume"));
        }
        return flags;
    }

    @Override
    protected int execute() throws java.io.IOException {
        validateTimeScale();
        LocalHour clock = localHour;
        StackSpec spec = Stacks.specFromConfig(config());
        refuseToReshapeARunningStack(spec);
        Stack stack = Stacks.of(spec, config());
        err().println("rideops: starting the stack in " + spec.home() + " with "
                + spec.kafka().brokers() + " Kafka broker"
                + (spec.kafka().brokers() == 1 ? "" : "s")
                + StackSpecs.brokersChosenBy(config())
                + " and " + spec.flink().taskManagers() + " Flink TaskManager"
                + (spec.flink().taskManagers() == 1 ? "" : "s"));
        preflight(spec, stack);
        sayWhatMonitoringLacks(spec);
        // the reporting schema ships in the job jar: a deploy needs it, a bare stack applies it when it is built
        Optional<Path> jobJar =
                noGenerate ? RuntimeLayout.locate().jobJar() : Optional.of(PipelineDeployment.builtJobJar());
        ProgressLines progress = new ProgressLines(err());
        try {
            stack.up(progress);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof PrivateDirs.UnsafeDirectoryException unsafe) {
                throw new RideopsException(unsafe.getMessage(), "or use a home of your own (--home)", e);
            }
            throw e;
        } catch (ServiceFailedException e) {
            err().println("rideops: last lines of " + e.log() + ":");
            e.logTail().forEach(line -> err().println("    " + line));
            throw new RideopsException(
                    e.getMessage() + "; stopped what this run had started",
                    "see 'rideops logs " + e.service() + "', fix the cause and run 'rideops up' again",
                    e);
        }
        // The roles exist as soon as the databases do: the exporter and the dashboard log in as the reader next,
        // before any deploy; the connector, the job and the generator each as their own role after.
        err().println("  databases  "
                + DatabaseSetup.prepare(config(), Endpoints.from(config(), spec).reportingJdbcUrl(), jobJar));
        if (spec.monitoring().runsExporter()) {
            BackgroundExporter.ensureRunning(stack, config(), progress, err());
        }
        err().println("  dashboard  " + BackgroundDashboard.start(stack, config(), err()));
        if (!noGenerate) {
            startPipeline(stack, jobJar.orElseThrow(), clock);
        }
        List<ServiceStatus> statuses = stack.status(stack.diskUsage());
        if (json.enabled()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("home", spec.home().toString());
            report.put("services", statuses);
            report.put("connect", connectionHints(spec, config()));
            Json.print(out(), report);
        } else {
            StatusCommand.printTable(out(), statuses);
            out().println();
            connectionHints(spec, config()).forEach((what, how) -> out().printf("%-22s %s%n", what, how));
            if (!noGenerate) {
                out().println();
                out().println("Try:");
                QUERIES.forEach(q -> out().println("  "
                        + q.replace("{psql}", psql(config(), spec.postgres().reportingPort(), Stack.REPORTING_DATABASE))
                                .replace(
                                        "{curl} '{search}",
                                        curl(config(), spec.search().port()))));
            }
            out().flush();
        }
        return 0;
    }

    /**
     * Deploy (connector, indexes, job: the schemas were prepared with the databases), the generator at the chosen
     * volume, then wait for first results.
     */
    private void startPipeline(Stack stack, Path jar, LocalHour clock) throws java.io.IOException {
        err().println("rideops: deploying the pipeline");
        PipelineDeployment deployment = new PipelineDeployment(config(), stack.spec(), err());
        deployment.run(DeployRequest.resume(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(PipelineDeployment.Step.SCHEMA)), jar));
        if (stack.generator().process().isPresent()) {
            err().println("  generator  already running");
        } else {
            String volumeName = config().get(Setting.GENERATOR_VOLUME);
            HistorySeed.write(config(), volumeName, history, timeScale, clock, err());
            List<String> args = new ArrayList<>(List.of("generate", "--volume", volumeName));
            if (timeScale != 1) {
                args.addAll(List.of("--time-scale", GenerateCommand.fmtScale(timeScale)));
            }
            if (!clock.wallClock()) {
                args.addAll(List.of("--local-hour", Integer.toString(clock.hour())));
            }
            long pid = BackgroundGenerator.start(stack, config(), args, err());
            err().println("  generator  running at volume " + volumeName + " (pid " + pid + ")");
        }
        PipelineHealth health = new PipelineHealth(config(), deployment.endpoints(), err());
        awaitResults(health);
        String jobId = deployment
                .endpoints()
                .flink()
                .runningJobId()
                .orElseThrow(
                        () -> new RideopsException("the Flink job stopped", "see 'rideops logs flink-jobmanager'"));
        health.checkHealth(jobId, java.time.Duration.ofSeconds(config().intValue(Setting.UP_HEALTH_TIMEOUT_SECONDS)))
                .forEach((what, value) -> err().printf("  %-26s %s%n", what, value));
    }

    private void validateTimeScale() {
        try {
            GeneratorSettings.checkTimeScale(timeScale);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "see 'rideops up --help'");
        }
    }

    /** The wait of 'rideops wait --for results', with up.results-timeout-seconds; fails naming what is not ready. */
    private void awaitResults(PipelineHealth health) {
        long timeout = config().intValue(Setting.UP_RESULTS_TIMEOUT_SECONDS);
        long maxAge = config().intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS);
        // The services were awaited as they started, and an optional one that failed (the exporter) only warned.
        Readiness readiness =
                new Readiness(Readiness.Target.RESULTS, List::of, health::look, () -> health.resultsNotReady(maxAge));
        java.util.concurrent.atomic.AtomicReference<List<String>> last =
                new java.util.concurrent.atomic.AtomicReference<>(List.of("no answer"));
        readiness
                .await(java.time.Duration.ofSeconds(timeout), java.time.Duration.ofSeconds(3), look -> {
                    if (!look.notReady().equals(last.getAndSet(look.notReady()))) {
                        err().println("  waiting for results: " + String.join("; ", look.notReady()));
                        err().flush();
                    }
                })
                .orElseThrow(() -> new RideopsException(
                        "the results are not current after " + timeout + "s: " + String.join("; ", last.get()),
                        "check 'rideops status', 'rideops logs connect' and 'rideops logs flink-taskmanager-1'; "
                                + "raise up.results-timeout-seconds on a slow machine"));
        err().println("rideops: results are flowing: every mart table holds results at most " + maxAge
                + " s old, and the search index has driver documents");
    }

    /** Monitoring is optional: one line says what is missing and how to get it, and the stack starts anyway. */
    private void sayWhatMonitoringLacks(StackSpec spec) {
        if (!spec.monitoring().runsPrometheus()
                && config().get(Setting.MONITORING_PROMETHEUS_URL).isBlank()) {
            err().println("rideops: prometheus is not installed, so this stack runs without alerts: apt-get install "
                    + "prometheus prometheus-alertmanager, then 'rideops down' and 'rideops up'; or set "
                    + "monitoring.prometheus-url to an existing Prometheus");
        } else if (spec.monitoring().runsPrometheus() && !spec.monitoring().runsAlertmanager()) {
            err().println("rideops: prometheus-alertmanager is not installed, so alerts cannot be grouped or "
                    + "silenced ('rideops alerts' still lists them): apt-get install prometheus-alertmanager");
        }
    }

    private void refuseToReshapeARunningStack(StackSpec wanted) {
        Optional<StackSpec> saved = Stack.savedSpec(wanted.home());
        if (saved.isEmpty() || saved.get().equals(wanted)) {
            return;
        }
        if (saved.get().withNativeProperties(wanted.nativeProperties()).equals(wanted)) {
            // only the services' own settings changed: what starts now takes them, what runs keeps its own
            err().println("rideops: the services' own settings (kafka.properties, flink.config, search.settings, "
                    + "postgres.settings) changed; running services keep theirs until 'rideops restart SERVICE'");
            return;
        }
        boolean anyRunning = Stacks.of(saved.get(), config()).services().stream()
                .anyMatch(s -> s.process().isPresent());
        if (anyRunning) {
            throw new RideopsException(
                    "a stack started with other settings is running in " + wanted.home() + " ("
                            + saved.get().kafka().brokers() + " broker(s), "
                            + saved.get().flink().taskManagers() + " TaskManager(s)"
                            + (saved.get().tls() ? ", TLS" : ", no TLS") + "); services read their "
                            + "settings when they start",
                    "run 'rideops down' first, then 'rideops up' with the new settings");
        }
        int brokers = saved.get().kafka().brokers();
        if (brokers != wanted.kafka().brokers()) {
            throw new RideopsException(
                    "the Kafka data in " + wanted.home() + " is for " + brokers + " broker(s), not "
                            + wanted.kafka().brokers() + ": its topics' replicas and KRaft quorum were made for them",
                    "run 'rideops up --brokers " + brokers + "', or 'rideops down --purge' first to start afresh");
        }
    }

    private void preflight(StackSpec spec, Stack stack) {
        List<Check> checks = new Preflight(
                        spec,
                        config().bytes(Setting.DISK_MIN_FREE),
                        Path.of("/proc"),
                        PortOwners.system(),
                        Executables.fromEnvironment(),
                        stack.runningPids(),
                        CurrentUser.isRoot())
                .run();
        List<Check> failed =
                checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
        if (failed.isEmpty()) {
            return;
        }
        for (Check c : failed.subList(1, failed.size())) {
            err().println("rideops: also failed: " + c.group() + "/" + c.name() + ": " + c.detail() + "; " + c.fix());
        }
        Check first = failed.get(0);
        throw new RideopsException(
                "preflight failed: " + first.group() + "/" + first.name() + ": " + first.detail(), first.fix());
    }

    private static final List<String> QUERIES = List.of(
            "{psql} -c \"SELECT * FROM mart.latest_metric_snapshot\"",
            "{psql} -c \"SELECT bucket_start, metric_name, metric_value FROM mart.fact_metric_bucket "
                    + "WHERE bucket_granularity = 'MINUTE' ORDER BY bucket_start DESC LIMIT 20\"",
            "{curl} '{search}/driver_locations/_search?size=3&pretty'");

    /**
     * A psql line as the read-only role, its password read from the secret file rather than typed (when the user
     * set it, they know it).
     */
    static String psql(RideopsConfig config, int port, String database) {
        String password = config.origin(Setting.READER_PASSWORD).startsWith("secret ")
                ? "PGPASSWORD=\"$(cat " + new Secrets(config.home()).file(Secrets.READER) + ")\" "
                : "";
        return password + "psql 'postgresql://" + config.get(Setting.READER_USER) + "@127.0.0.1:" + port + "/"
                + database + DatabaseTls.of(config).query() + "'";
    }

    /**
     * A curl of the local search node on {@code port} as its read-only user, the password read from the secret file
     * (when the user set it, they know it), up to the end of the URL's address (its opening quote left open).
     */
    static String curl(RideopsConfig config, int port) {
        SearchLogins.Login reader = SearchLogins.reader(config);
        String password = config.origin(reader.passwordSetting()).startsWith("secret ")
                ? "\"$(cat " + new Secrets(config.home()).file(Secrets.SEARCH_READER) + ")\""
                : "PASSWORD";
        return "curl " + caCert(config) + "-u " + reader.user() + ":" + password + " '"
                + RestTls.localUrl(config, port);
    }

    /** A curl line with Connect's login. */
    static String connectCurl(RideopsConfig config, int port) {
        String login = curlLogin(config, Setting.CONNECT_USER, Setting.CONNECT_PASSWORD, Secrets.CONNECT);
        return "curl " + caCert(config) + "-u " + login + " " + RestTls.localUrl(config, port) + "/connectors";
    }

    /** A curl line listing the local schema registry's schemas as the job's user, who may only read them. */
    static String registryCurl(RideopsConfig config, int port) {
        String login =
                curlLogin(config, Setting.REGISTRY_JOB_USER, Setting.REGISTRY_JOB_PASSWORD, Secrets.REGISTRY_JOB);
        return "curl " + caCert(config) + "-u " + login + " " + RestTls.localUrl(config, port)
                + RegistryService.API_PATH + "/search/artifacts";
    }

    /** A user's curl login, its password read from the secret file rideops generated (curl asks for one set). */
    private static String curlLogin(RideopsConfig config, Setting user, Setting password, String secret) {
        return config.origin(password).startsWith("secret ")
                ? "\"" + config.get(user) + ":$(cat " + new Secrets(config.home()).file(secret) + ")\""
                : config.get(user);
    }

    /** With {@code security.tls} curl verifies the local https servers against the local CA's public copy. */
    private static String caCert(RideopsConfig config) {
        return config.flag(Setting.SECURITY_TLS)
                ? "--cacert " + Stack.caCertificate(config.home(), config.rootsStack()) + " "
                : "";
    }

    /** Mutual TLS: curl shows rideops's client certificate and trusts the local CA (a browser imports the .p12). */
    static String flinkCurl(RideopsConfig config, int port) {
        Secrets secrets = new Secrets(config.home());
        return "curl --cacert " + secrets.file(FlinkRestCertificates.CA_PEM) + " --cert "
                + secrets.file(FlinkRestCertificates.CLIENT_PEM) + " https://127.0.0.1:" + port + "/overview";
    }

    /** The brokers' addresses; with TLS, what a client must verify them with (Kafka's tools too). */
    static String kafkaHint(StackSpec spec, RideopsConfig config) {
        return spec.tls()
                ? spec.kafkaBootstrapServers() + " (SASL_SSL, CA "
                        + Stack.caCertificate(config.home(), config.rootsStack()) + ")"
                : spec.kafkaBootstrapServers();
    }

    static Map<String, String> connectionHints(StackSpec spec, RideopsConfig config) {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("source database", psql(config, spec.postgres().sourcePort(), Stack.SOURCE_DATABASE));
        hints.put("reporting database", psql(config, spec.postgres().reportingPort(), Stack.REPORTING_DATABASE));
        hints.put("Kafka bootstrap", kafkaHint(spec, config));
        hints.put("Kafka Connect REST", connectCurl(config, spec.connect().port()));
        hints.put("Flink REST and web UI", flinkCurl(config, spec.flink().port()));
        hints.put("search (ES API)", curl(config, spec.search().port()) + "/_cluster/health'");
        if (spec.runsRegistry()) {
            hints.put("schema registry", registryCurl(config, spec.registry().port()));
        }
        hints.put(
                "dashboard",
                "http://127.0.0.1:" + spec.dashboard().port() + "/ (user " + config.get(Setting.DASHBOARD_USER)
                        + "; 'rideops dashboard --url' says where its password is)");
        if (spec.monitoring().runsPrometheus()) {
            hints.put("Prometheus", "http://127.0.0.1:" + spec.monitoring().prometheusPort() + " (rideops alerts)");
        }
        if (spec.monitoring().runsAlertmanager()) {
            hints.put("Alertmanager", "http://127.0.0.1:" + spec.monitoring().alertmanagerPort());
        }
        return hints;
    }
}
