package dev.rideops.cli.pipeline;

import dev.rideops.cli.config.DatabaseTls;
import dev.rideops.cli.config.Databases;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.GeneratedSecrets;
import dev.rideops.cli.config.RestTls;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.SearchLogins;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.CdcTopics;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.kafka.KafkaAdmins;
import dev.rideops.clients.kafka.LogStart;
import dev.rideops.clients.kibana.KibanaSavedObjects;
import dev.rideops.clients.reporting.Mart;
import dev.rideops.clients.search.SearchIndexSetup;
import dev.rideops.contract.CdcAvro;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobArg;
import dev.rideops.contract.MartRetention;
import dev.rideops.contract.Offsets;
import dev.rideops.dashboard.export.KibanaObjects;
import dev.rideops.stack.RestorePoints;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.CurrentUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Deploys the pipeline against the endpoints in config, step by step and idempotently: schemas, the CDC
 * connector, the search indexes, the Flink job (stopped with a savepoint and resumed from it when already running),
 * and Kibana's saved objects where a Kibana is configured. Each step prints
 * one line; the result says what each step did.
 */
public final class PipelineDeployment {

    public enum Step {
        SCHEMA,
        CONNECTOR,
        INDEXES,
        JOB,
        /** Kibana's saved objects, when {@code search.kibana-url} names a Kibana; without one nothing is done. */
        KIBANA
    }

    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);

    private final RideopsConfig config;
    private final StackSpec local;
    private final Endpoints endpoints;
    private final PrintWriter err;
    /** Whether rideops runs as root, so the local services run as users of their own. */
    private final boolean asRoot;

    public PipelineDeployment(RideopsConfig config, StackSpec local, PrintWriter err) {
        this(config, local, err, CurrentUser.isRoot());
    }

    PipelineDeployment(RideopsConfig config, StackSpec local, PrintWriter err, boolean asRoot) {
        this.config = config;
        this.local = local;
        this.endpoints = Endpoints.from(config, local);
        this.err = err;
        this.asRoot = asRoot;
    }

    /** Runs the request's steps in order; returns what each did, as one line per step. */
    public Map<String, String> run(DeployRequest request) {
        EnumSet<Step> steps = request.steps();
        boolean dryRun = request.dryRun();
        Path jar = request.jar();
        Map<String, String> done = new LinkedHashMap<>();
        if (steps.contains(Step.JOB)) {
            // refused before any step changes anything: the running job stays
            martMinuteDays(config, request.jobArgs());
        }
        try {
            if (steps.contains(Step.SCHEMA)) {
                done.put("schema", dryRun ? "would migrate source and reporting schemas" : schema(jar));
                line("schema", done.get("schema"));
            }
            if (steps.contains(Step.CONNECTOR)) {
                done.put(
                        "topics",
                        dryRun
                                ? "would create " + String.join(", ", CdcTopics.names()) + " at "
                                        + endpoints.kafkaBootstrap()
                                : CdcTopics.ensure(
                                        endpoints.kafka(config), config.intValue(Setting.KAFKA_TOPIC_PARTITIONS)));
                line("topics", done.get("topics"));
                done.put(
                        "connector",
                        dryRun
                                ? "would create or update " + CdcConnector.NAME + " at " + endpoints.connectUrl()
                                : connector());
                line("connector", done.get("connector"));
            }
            if (steps.contains(Step.INDEXES)) {
                done.put(
                        "indexes",
                        dryRun
                                ? "would create the driver_locations index and the time-series template at "
                                        + endpoints.searchUrl()
                                : SearchIndexSetup.apply(jar, endpoints.searchAsAdmin(config)));
                line("indexes", done.get("indexes"));
            }
            if (steps.contains(Step.JOB)) {
                done.put(
                        "job",
                        dryRun
                                ? "would run " + jar.getFileName() + " on " + endpoints.flinkUrl() + " (offsets "
                                        + request.offsets().arg()
                                        + (request.parallelism() == null
                                                ? ""
                                                : ", parallelism " + request.parallelism())
                                        + ")"
                                : job(request));
                line("job", done.get("job"));
            }
            // last: the pipeline runs whether or not Kibana takes the objects
            String kibanaUrl = config.get(Setting.SEARCH_KIBANA_URL);
            if (steps.contains(Step.KIBANA) && !kibanaUrl.isBlank()) {
                done.put(
                        "kibana",
                        dryRun
                                ? "would import "
                                        + KibanaObjects.ndjson().lines().count()
                                        + " saved objects (data views, maps, dashboards) into Kibana at " + kibanaUrl
                                : kibana(kibanaUrl));
                line("kibana", done.get("kibana"));
            }
        } catch (ClientException e) {
            throw new RideopsException("deploy failed: " + e.getMessage(), e.fix(), e);
        } catch (IOException e) {
            throw new RideopsException("deploy failed: " + e.getMessage(), "try again with --verbose", e);
        }
        return done;
    }

    private void line(String step, String what) {
        err.printf("  %-10s %s%n", step, what);
        err.flush();
    }

    /**
     * The dashboards' Kibana saved objects, generated from the panel catalogue as {@code dashboard export --kibana}
     * writes them, imported over any earlier import; Kibana logs in as the search node's user when one is set.
     */
    private String kibana(String url) {
        int imported = new KibanaSavedObjects(url, config.get(Setting.SEARCH_USER), config.get(Setting.SEARCH_PASSWORD))
                .importNdjson(KIBANA_FILE, KibanaObjects.ndjson());
        return "imported " + imported + " saved objects (data views " + String.join(", ", KibanaObjects.INDEX_PATTERNS)
                + "; the Overview, Supply and demand, Drivers and Infrastructure dashboards) into " + url;
    }

    static final String KIBANA_FILE = "rideops.kibana.ndjson";

    /** Both schemas and the roles of least privilege, as {@code up} prepares them (a remote database's first time). */
    private String schema(Path jar) {
        return DatabaseSetup.prepare(config, endpoints.reportingJdbcUrl(), Optional.of(jar));
    }

    private String connector() {
        CdcConnector connector = endpoints.connector(config);
        String host = config.get(Setting.CONNECTOR_DATABASE_HOST);
        String port = config.get(Setting.CONNECTOR_DATABASE_PORT);
        // the admin's publication must exist before the connector starts (it may not create one)
        try (Connection admin = SourceDbs.admin(config).connect()) {
            DatabaseRoles.ensurePublication(admin);
        } catch (SQLException e) {
            throw new RideopsException(
                    "cannot create the publication " + CdcContract.PUBLICATION + " as " + SourceDbs.admin(config) + ": "
                            + e.getMessage(),
                    Databases.fix(e, Setting.POSTGRES_ADMIN_USER, Setting.POSTGRES_ADMIN_PASSWORD, "source"));
        }
        CdcConnector.Source source = new CdcConnector.Source(
                host.isEmpty() ? config.get(Setting.SOURCE_HOST) : host,
                port.isEmpty() ? config.intValue(Setting.SOURCE_PORT) : Integer.parseInt(port),
                config.get(Setting.SOURCE_DATABASE),
                config.get(Setting.CONNECTOR_DATABASE_USER),
                connectorPassword(),
                DatabaseTls.of(config));
        checkRegistryLogin(Setting.REGISTRY_CONNECT_USER, Setting.REGISTRY_CONNECT_PASSWORD);
        boolean existed = connector.apply(connectorConfig(source));
        connector.awaitRunning(CONNECTOR_TIMEOUT);
        return (existed ? "updated " : "created ") + CdcConnector.NAME + ", RUNNING";
    }

    /**
     * The connector's config: with {@code cdc.format: avro}, its values go through the registry's converter, which
     * logs in as Connect's registry user ({@code registry.connect-user}) with its password referred to like the
     * database's ({@link #registryPassword}), and verifies an https registry against the CA file
     * {@link RestTls#registryCa} names.
     */
    Map<String, String> connectorConfig(CdcConnector.Source source) {
        Map<String, String> connector =
                CdcConnector.config(source, local.kafka().brokers());
        if (config.get(Setting.CDC_FORMAT).equals("avro")) {
            String registryUrl = Endpoints.registryUrl(config);
            String user = config.get(Setting.REGISTRY_CONNECT_USER);
            connector.putAll(CdcAvro.valueConverter(registryUrl, user, user.isEmpty() ? "" : registryPassword()));
            String registryCa = RestTls.registryCa(config, registryUrl);
            if (!registryCa.isEmpty()) {
                // a path, read where the worker runs: the local CA's public copy is readable by its user
                connector.putAll(CdcAvro.trustedCa(registryCa));
            }
        }
        return connector;
    }

    /**
     * What the converter's config says for its registry password ({@link #workerSecret}; a remote worker's file is
     * {@code connector.registry-password-file}, as the compose file's).
     */
    private String registryPassword() {
        return workerSecret(
                Setting.CONNECTOR_REGISTRY_PASSWORD_FILE,
                REGISTRY_SECRETS,
                REGISTRY_PASSWORD_KEY,
                config.get(Setting.REGISTRY_CONNECT_PASSWORD),
                "Connect's schema registry password");
    }

    static final String REGISTRY_SECRETS = "registry.properties";
    static final String REGISTRY_PASSWORD_KEY = "password";

    /**
     * What the connector config says for the password: a reference to a file on the workers, which their {@code file}
     * config provider resolves, so Connect's REST API never returns the password ({@link #workerSecret}; a remote
     * worker's file is {@code connector.password-file}).
     */
    String connectorPassword() {
        return workerSecret(
                Setting.CONNECTOR_PASSWORD_FILE,
                CONNECTOR_SECRETS,
                CdcConnector.PASSWORD_KEY,
                config.get(Setting.CONNECTOR_DATABASE_PASSWORD),
                "the CDC connector's password");
    }

    /**
     * A password of the connector's config as the workers should see it: a reference to {@code key} of the file the
     * {@code workerFile} setting names on the workers, when set; else, for the local worker, rideops writes it into
     * the worker's own secrets ({@link Stack#connectorSecrets}) as {@code key} of a properties file and the config
     * holds the {@code file} config provider's reference to it; a remote worker gets the password itself, as it may
     * have no config provider.
     */
    private String workerSecret(Setting workerFile, String fileName, String key, String password, String what) {
        String file = config.get(workerFile);
        if (!file.isEmpty()) {
            return CdcConnector.fileReference(file, key);
        }
        if (!config.get(Setting.CONNECT_URL).isBlank()) {
            return password;
        }
        Properties secret = new Properties();
        secret.setProperty(key, password);
        StringWriter text = new StringWriter();
        try {
            secret.store(text, what + ", read by the local Connect worker's file config provider");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the worker's own secrets: as root, readable by its user and by no other service
        Path stored = Stack.connectorSecrets(local, asRoot).storeFile(fileName, text.toString());
        return CdcConnector.fileReference(stored.toString(), key);
    }

    static final String CONNECTOR_SECRETS = "connector.properties";

    /**
     * The job would only fail later, restarting on the TaskManagers, if its role could not log in: try the login first,
     * where rideops knows the password the job gets, which is only the local cluster's (rideops put it in its
     * TaskManagers' environment). A remote cluster's TaskManagers read theirs from their own environment or file.
     */
    private void checkJobLogin() {
        checkJobKafkaLogin();
        if (isLocalFlink() && config.get(Setting.JOB_REGISTRY_PASSWORD_FILE).isEmpty()) {
            checkRegistryLogin(Setting.REGISTRY_JOB_USER, Setting.REGISTRY_JOB_PASSWORD);
        }
        if (!isLocalFlink() || !config.get(Setting.JOB_REPORTING_PASSWORD_FILE).isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(
                endpoints.reportingJdbcUrl(),
                config.get(Setting.REPORTING_USER),
                config.get(Setting.REPORTING_PASSWORD))) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new RideopsException(
                    "the job's role " + config.get(Setting.REPORTING_USER) + " cannot log in to "
                            + endpoints.reportingJdbcUrl() + ": " + e.getMessage(),
                    Databases.fix(e, Setting.REPORTING_USER, Setting.REPORTING_PASSWORD, "reporting"));
        }
    }

    /**
     * With the local registry, Connect's converter and the job would fail only on their first Avro record if it
     * refused their login, as it does after a password changed since it started (it reads its users at start): try
     * the login first with a read, which both may do (rideops gave them their roles).
     */
    void checkRegistryLogin(Setting user, Setting password) {
        String name = config.get(user);
        if (!local.runsRegistry() || name.isEmpty()) {
            return;
        }
        String url = Endpoints.registryUrl(config);
        new RestCalls(url, "the schema registry", name, config.get(password), RestTls.registry(config, url))
                .withLoginHint("set " + password.key() + " (" + password.envName() + ") to the password of '" + name
                        + "' (" + user.key() + ")"
                        + GeneratedSecrets.secretName(password)
                                .map(secret ->
                                        ", or unset it to use the generated one in $RIDEOPS_HOME/secrets/" + secret)
                                .orElse("")
                        + "; the registry takes the current one on 'rideops restart registry'")
                .get(REGISTRY_READ);
    }

    /** The cheapest read of the v3 API that asks for a login with the read role. */
    static final String REGISTRY_READ = "/groups?limit=1";

    /** The same for the job's Kafka user, whose password rideops put in the local TaskManagers and JobManager. */
    private void checkJobKafkaLogin() {
        if (!isLocalFlink()
                || !config.get(Setting.JOB_KAFKA_PASSWORD_FILE).isEmpty()
                || !config.get(Setting.KAFKA_SECURITY_PROTOCOL).startsWith("SASL_")) {
            return;
        }
        String user = config.get(Setting.KAFKA_JOB_USER);
        try {
            KafkaAdmins.checkLogin(endpoints.kafka(config).as(user, config.get(Setting.KAFKA_JOB_PASSWORD)));
        } catch (ClientException e) {
            throw new RideopsException(
                    "the job's Kafka user " + user + " cannot log in: " + e.getMessage(),
                    "set kafka.job-password (" + Setting.KAFKA_JOB_PASSWORD.envName() + ") to its password, or unset"
                            + " it to use the generated one in $RIDEOPS_HOME/secrets/kafka-job");
        }
    }

    private String job(DeployRequest request) throws IOException {
        checkJobLogin();
        Offsets offsets = request.offsets();
        FlinkJob flink = endpoints.flink();
        Optional<String> running = flink.runningJobId();
        if (running.isPresent() && request.keepRunningJob()) {
            return "already running " + running.get() + " ('rideops deploy' redeploys it with a savepoint)";
        }
        if (request.sameJar() && running.isEmpty()) {
            throw new RideopsException(
                    "no rideops job runs on " + endpoints.flinkUrl() + ", so there is nothing to rescale",
                    "start it at the parallelism you want with 'rideops deploy --parallelism N'");
        }
        // The jar the running job really came from (not the newest upload): a rollback or a rescale runs it again.
        String previousJar = running.flatMap(flink::jarOf).orElse(null);
        if (request.sameJar() && previousJar == null) {
            throw new RideopsException(
                    "cannot tell which uploaded jar job " + running.get() + " runs from (it was started by something "
                            + "other than rideops, or its jar was deleted)",
                    "redeploy it with 'rideops deploy --parallelism N'");
        }
        Integer previousParallelism = running.map(id -> flink.info(id).parallelism())
                .filter(p -> p > 0)
                .orElse(null);
        // a plain redeploy keeps the parallelism the job was rescaled to
        Integer parallelism = request.parallelism() != null ? request.parallelism() : previousParallelism;
        // --offsets earliest|latest asks for a fresh start; by default the job resumes its state.
        boolean resume = offsets == Offsets.COMMITTED;
        // with no job running, a local cluster's state is its newest savepoint or retained checkpoint
        Optional<String> stored = running.isEmpty() && resume && isLocalFlink()
                ? new RestorePoints(local.home()).latest()
                : Optional.empty();
        boolean fromScratch = offsets == Offsets.EARLIEST || resume && running.isEmpty() && stored.isEmpty();
        if (fromScratch) {
            refuseAPartialReplay(request);
        }
        String restoreFrom = null;
        String savepoint = null;
        if (running.isPresent()) {
            line("job", "stopping " + running.get() + " with a savepoint");
            savepoint = flink.stopWithSavepoint(running.get(), JOB_TIMEOUT);
            if (resume) {
                restoreFrom = savepoint;
                // should the new job not start, the next deploy or 'up' resumes from here
                rememberLocally(savepoint);
            } else {
                line("job", "starting fresh at " + offsets.arg() + " (the old state stays in " + savepoint + ")");
            }
        } else {
            restoreFrom = stored.orElse(null);
        }
        // Without state to resume, the job must read the whole CDC log, unless the user asks otherwise.
        Offsets startAt = restoreFrom == null && resume ? Offsets.EARLIEST : offsets;
        if (request.rebuild()) {
            mart().truncate();
            line("job", "rebuilding: the mart was emptied; it is recomputed from the oldest change the CDC log holds");
        }
        String jobId = null;
        try {
            String jarId = request.sameJar() ? previousJar : flink.upload(request.jar());
            jobId = flink.run(jarId, programArgs(startAt, request.jobArgs()), restoreFrom, parallelism);
            flink.awaitRunning(jobId, JOB_TIMEOUT);
        } catch (ClientException | IOException e) {
            if (savepoint == null) {
                throw e;
            }
            throw rollBack(flink, jobId, previousJar, previousParallelism, savepoint, e);
        }
        prune(flink);
        if (restoreFrom == null && startAt == Offsets.LATEST) {
            line("job", bootstrapCounts(flink, jobId));
        }
        return "running " + jobId
                + (parallelism == null ? "" : " at parallelism " + parallelism)
                + (restoreFrom == null ? " (offsets " + startAt.arg() + ")" : " from " + restoreFrom);
    }

    /** After a successful deploy: keep flink.retain of each kind; a failure here never fails the deploy. */
    private void prune(FlinkJob flink) {
        try {
            line(
                    "job",
                    housekeeping(flink)
                            .prune(config.intValue(Setting.FLINK_RETAIN))
                            .summary());
        } catch (ClientException | IOException | java.io.UncheckedIOException e) {
            line(
                    "job",
                    "warning: pruning old checkpoints, savepoints and jars failed: " + e.getMessage()
                            + " (run 'rideops job prune' later)");
        }
    }

    /** Pruning for this deployment's Flink: the local home's files only when Flink is the local cluster. */
    public JobHousekeeping housekeeping(FlinkJob flink) {
        return new JobHousekeeping(flink, isLocalFlink() ? local.home() : null);
    }

    /** A savepoint on the local cluster becomes what 'up' and 'deploy' resume from when no job runs. */
    public void rememberLocally(String savepoint) throws IOException {
        if (isLocalFlink()) {
            new RestorePoints(local.home()).rememberSavepoint(savepoint);
        }
    }

    /**
     * A job started without state at the newest offsets would count drivers and open bookings from zero. Once its
     * first checkpoint has fixed the offsets it reads from, ask Debezium for the current rows (their reads then land
     * after those offsets, so the job sees them).
     */
    private String bootstrapCounts(FlinkJob flink, String jobId) {
        boolean fixed =
                Poll.every(Duration.ofSeconds(1), JOB_TIMEOUT).until(() -> flink.completedCheckpoints(jobId) > 0);
        if (!fixed) {
            throw new ClientException(
                    "the new job " + jobId + " completed no checkpoint within " + JOB_TIMEOUT.toSeconds()
                            + " s, so its driver and open-booking counts were not started from the source",
                    "check the job with 'rideops status' and 'rideops logs flink-taskmanager-1', then run "
                            + "'rideops deploy --only job --offsets latest' again");
        }
        // as the admin, like deploy's other steps on the source: the generator's role may not write signals
        String signal = CountsBootstrap.request(SourceDbs.admin(config));
        return "counting the source's drivers and open bookings (Debezium incremental snapshot, signal " + signal + ")";
    }

    /**
     * A job without state that reads the CDC log from its start recomputes every bucket the log reaches. Once
     * retention has trimmed the log, the oldest buckets would be rewritten with partial counts: refuse before
     * anything is stopped, unless asked to rebuild, which empties the mart first (once the old job has stopped) so
     * what it then holds is exactly what the log can tell.
     */
    private void refuseAPartialReplay(DeployRequest request) {
        if (request.rebuild()) {
            return;
        }
        Map<String, Long> trimmed = LogStart.trimmed(endpoints.kafka(config));
        if (!trimmed.isEmpty() && mart().hasBuckets()) {
            Map.Entry<String, Long> first = trimmed.entrySet().iterator().next();
            throw new RideopsException(
                    "the job has no state to resume and the CDC log no longer reaches back to the mart's oldest "
                            + "buckets (" + first.getKey() + " starts at offset " + first.getValue()
                            + (trimmed.size() > 1 ? ", and " + (trimmed.size() - 1) + " more partitions" : "")
                            + "): starting from it would rewrite them with partial counts",
                    "resume from a savepoint if you have one, or run 'rideops deploy --rebuild' to empty the mart and "
                            + "recompute what the log still holds");
        }
    }

    /**
     * A redeploy whose new job does not start puts the jar the stopped job ran from back, at its parallelism, from
     * the savepoint just taken, so a bad jar never leaves the pipeline stopped; the error still fails the deploy.
     * Without that jar (a job rideops did not start) the pipeline stays stopped and the message says where its
     * state is.
     */
    private ClientException rollBack(
            FlinkJob flink,
            String failedJobId,
            String previousJar,
            Integer previousParallelism,
            String savepoint,
            Exception cause) {
        String reason = cause.getMessage();
        line("job", "the new job did not start: " + reason);
        if (failedJobId != null) {
            flink.cancel(failedJobId);
        }
        if (previousJar == null) {
            return new ClientException(
                    "the new job did not start (" + reason + "); not rolled back: the jar of the job it replaced is "
                            + "unknown; its state is in " + savepoint,
                    "fix the jar, then deploy again" + (isLocalFlink() ? " (it resumes from that savepoint)" : ""));
        }
        line("job", "rolling back: " + previousJar + " from " + savepoint);
        String back = flink.run(previousJar, programArgs(Offsets.COMMITTED, Map.of()), savepoint, previousParallelism);
        flink.awaitRunning(back, JOB_TIMEOUT);
        return new ClientException(
                "the new job did not start (" + reason + "); rolled back, the previous job runs " + "again as " + back
                        + " from " + savepoint,
                "fix the jar, then deploy again");
    }

    /** The mart as the job's role: it may read, write and (for --rebuild) empty it. */
    private Mart mart() {
        return new Mart(
                endpoints.reportingJdbcUrl(),
                config.get(Setting.REPORTING_USER),
                config.get(Setting.REPORTING_PASSWORD));
    }

    private boolean isLocalFlink() {
        return config.get(Setting.FLINK_URL).isBlank();
    }

    List<String> programArgs(Offsets offsets, Map<JobArg, String> overrides) {
        Map<JobArg, String> args = new LinkedHashMap<>();
        args.put(
                JobArg.KAFKA_BOOTSTRAP_SERVERS,
                seenByJob(Setting.JOB_KAFKA_BOOTSTRAP_SERVERS, endpoints.kafkaBootstrap()));
        KafkaAccess kafka = endpoints.kafka(config);
        args.put(JobArg.KAFKA_SECURITY_PROTOCOL, kafka.securityProtocol());
        if (kafka.sasl()) {
            // the job's own user, never rideops's: it may read the CDC topics and write dead letters, nothing more
            args.put(JobArg.KAFKA_SASL_MECHANISM, config.get(Setting.KAFKA_SASL_MECHANISM));
            args.put(JobArg.KAFKA_USER, config.get(Setting.KAFKA_JOB_USER));
            putIfSet(args, JobArg.KAFKA_PASSWORD_FILE, Setting.JOB_KAFKA_PASSWORD_FILE);
        }
        if (kafka.tls() && !kafka.sslCa().isEmpty()) {
            // a path, read where the job's Kafka clients run: the local CA's public copy is readable by their user
            args.put(JobArg.KAFKA_SSL_CA, kafka.sslCa());
        }
        args.put(JobArg.REPORTING_URL, seenByJob(Setting.JOB_REPORTING_URL, endpoints.reportingJdbcUrl()));
        // Passwords are never arguments (Flink shows and logs those): the job reads them on the TaskManagers, from
        // the file named here or else from their environment, which the local stack sets.
        args.put(JobArg.REPORTING_USER, config.get(Setting.REPORTING_USER));
        putIfSet(args, JobArg.REPORTING_PASSWORD_FILE, Setting.JOB_REPORTING_PASSWORD_FILE);
        String searchUrl = seenByJob(Setting.JOB_SEARCH_URL, endpoints.searchUrl());
        args.put(JobArg.SEARCH_URL, searchUrl);
        String searchCa = RestTls.searchCa(config);
        if (searchUrl.startsWith("https://") && !searchCa.isEmpty()) {
            // a path, as the Kafka CA's: the local CA's public copy is readable by the TaskManagers' user
            args.put(JobArg.SEARCH_SSL_CA, searchCa);
        }
        if (config.get(Setting.CDC_FORMAT).equals("avro")) {
            // the same registry the connector's converter writes to (the job keeps reading JSON records too)
            String registryUrl = Endpoints.registryUrl(config);
            args.put(JobArg.REGISTRY_URL, registryUrl);
            String registryCa = RestTls.registryCa(config, registryUrl);
            if (!registryCa.isEmpty()) {
                // a path, as the search node's CA: the local CA's public copy is readable by the TaskManagers' user
                args.put(JobArg.REGISTRY_SSL_CA, registryCa);
            }
            // its own user, which may only read schemas; the password, as the others, from a file or the environment
            String registryUser = config.get(Setting.REGISTRY_JOB_USER);
            if (!registryUser.isEmpty()) {
                args.put(JobArg.REGISTRY_USER, registryUser);
                putIfSet(args, JobArg.REGISTRY_PASSWORD_FILE, Setting.JOB_REGISTRY_PASSWORD_FILE);
            }
        }
        args.put(JobArg.OFFSETS, offsets.arg());
        args.put(JobArg.SEARCH_TIMESERIES_RETENTION_DAYS, config.get(Setting.SEARCH_TIMESERIES_RETENTION_DAYS));
        args.put(JobArg.MART_RETENTION_MINUTE_DAYS, Integer.toString(martMinuteDays(config, overrides)));
        // the job logs in as the writer, which may touch only its own indexes
        SearchLogins.Login searchWriter = SearchLogins.writer(config);
        if (!searchWriter.user().isEmpty()) {
            args.put(JobArg.SEARCH_USER, searchWriter.user());
            putIfSet(args, JobArg.SEARCH_PASSWORD_FILE, Setting.JOB_SEARCH_PASSWORD_FILE);
        }
        // deploy --job-arg: the job's own tuning, or an address deploy would derive differently
        args.putAll(overrides);
        List<String> list = new ArrayList<>();
        args.forEach((arg, value) -> list.addAll(List.of(arg.flag(), value)));
        return list;
    }

    /**
     * {@code mart.retention.minute-days} ({@code --job-arg mart.retention.minute-days} wins), refused in one line when
     * the job would delete minutes it still updates: those within its minute bucket retention
     * ({@code --job-arg minute-retention-ms}, 2 days by default) of the watermark.
     */
    static int martMinuteDays(RideopsConfig config, Map<JobArg, String> overrides) {
        String given = overrides.get(JobArg.MART_RETENTION_MINUTE_DAYS);
        String origin = given == null
                ? Setting.MART_RETENTION_MINUTE_DAYS.key() + " (from "
                        + config.origin(Setting.MART_RETENTION_MINUTE_DAYS) + ")"
                : "--job-arg " + JobArg.MART_RETENTION_MINUTE_DAYS.key();
        int days;
        long bucketMs;
        try {
            days = given == null ? config.intValue(Setting.MART_RETENTION_MINUTE_DAYS) : Integer.parseInt(given.trim());
            String retention = overrides.get(JobArg.MINUTE_RETENTION_MS);
            bucketMs = retention == null
                    ? MartRetention.DEFAULT_MINUTE_BUCKET_RETENTION_MS
                    : Long.parseLong(retention.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--job-arg " + JobArg.MART_RETENTION_MINUTE_DAYS.key() + " and " + JobArg.MINUTE_RETENTION_MS.key()
                            + " take whole numbers: " + e.getMessage(),
                    "give a number of days and of milliseconds");
        }
        int fewest = MartRetention.fewestMinuteDays(Math.max(0, bucketMs));
        if (days < 0 || (days != 0 && days < fewest)) {
            throw new UsageException(
                    origin + " is " + days + ", fewer than the " + fewest + " days the job still updates a minute ("
                            + JobArg.MINUTE_RETENTION_MS.key() + " " + bucketMs + " past the watermark)",
                    "set it to " + fewest + " or more, or 0 to keep every minute");
        }
        return days;
    }

    private void putIfSet(Map<JobArg, String> args, JobArg arg, Setting setting) {
        if (!config.get(setting).isEmpty()) {
            args.put(arg, config.get(setting));
        }
    }

    /** Inside a cluster (containers, another network) the job may reach a service under another address. */
    private String seenByJob(Setting setting, String sameAsRideops) {
        String value = config.get(setting);
        return value.isBlank() ? sameAsRideops : value;
    }

    /** The job jar the build made, or a one-line error saying how to build it. */
    public static Path builtJobJar() {
        RuntimeLayout layout = RuntimeLayout.locate();
        return layout.jobJar()
                .orElseThrow(() -> new RideopsException(
                        "the job jar is not built (" + layout.dist().resolve("job/target")
                                + " has no rideops-job-*.jar)",
                        "run: " + layout.buildCommand()));
    }

    public Endpoints endpoints() {
        return endpoints;
    }
}
