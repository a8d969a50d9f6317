package dev.rideops.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rideops.clients.DaemonThreads;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.kafka.KafkaUsers;
import dev.rideops.stack.disk.DiskUsage;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.FileTrees;
import dev.rideops.stack.os.JavaRuntimes;
import dev.rideops.stack.os.MemoryInfo;
import dev.rideops.stack.os.PrivateDirs;
import dev.rideops.stack.os.ProcessOwner;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.LocalCa;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import dev.rideops.stack.services.AlertmanagerService;
import dev.rideops.stack.services.ConnectRestTls;
import dev.rideops.stack.services.ConnectWorker;
import dev.rideops.stack.services.DashboardService;
import dev.rideops.stack.services.ExporterService;
import dev.rideops.stack.services.FlinkCluster;
import dev.rideops.stack.services.FlinkJobManager;
import dev.rideops.stack.services.FlinkTaskManager;
import dev.rideops.stack.services.GeneratorService;
import dev.rideops.stack.services.JmxAgent;
import dev.rideops.stack.services.KafkaBroker;
import dev.rideops.stack.services.KafkaRetention;
import dev.rideops.stack.services.KafkaServerTls;
import dev.rideops.stack.services.PostgresInstall;
import dev.rideops.stack.services.PostgresServerTls;
import dev.rideops.stack.services.PostgresService;
import dev.rideops.stack.services.PrometheusService;
import dev.rideops.stack.services.RegistryService;
import dev.rideops.stack.services.SearchNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The embedded stack: its services in dependency tiers. Services of a tier start together and are waited for
 * together; tiers start in order and stop in reverse. Monitoring is the last tier: it starts once what it scrapes
 * is healthy (so a start is not a "target down") and stops first. The spec of the last {@code up} is kept in
 * {@code $RIDEOPS_HOME/stack.json}, so {@code status} and {@code down} see what is really running.
 */
public final class Stack {

    public static final String SOURCE_DB = "source-db";
    public static final String REPORTING_DB = "reporting-db";
    public static final String SOURCE_DATABASE = "ride_hailing_db";
    public static final String REPORTING_DATABASE = "reporting_db";

    /**
     * A stack.json that lacks a field this version needs was written by an older rideops: it is not used (the
     * config's spec is), rather than read with zeros for retention and log sizes.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private static final long MIB = 1024L * 1024;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackSpec spec;
    private final PostgresInstall postgres;
    private final LogRotation logRotation;
    private final Path monitoringHome;
    /** Where every other service's files live: the home, or a directory under /var/tmp as root (see there). */
    private final Path servicesHome;

    private final ServerUser serverUser;
    private final List<List<Service>> tiers;
    private final GeneratorService generator;
    private final ExporterService exporter;
    private final DashboardService dashboard;
    /** The processes the CLI starts outside the tiers, in the order they stop: before what they read. */
    private final List<Service> cliProcesses;

    private final Function<String, String> secrets;
    private final KafkaBroker.Security kafkaSecurity;

    public Stack(StackSpec spec, boolean asRoot) {
        this(spec, asRoot, new Secrets(spec.home())::getOrCreate);
    }

    /**
     * @param secrets a password by its {@link Secrets} name: the user's setting when there is one, else the home's
     *     secret file; looked up when a service needs it, so none is ever part of the spec or stack.json
     */
    public Stack(StackSpec spec, boolean asRoot, Function<String, String> secrets) {
        this.spec = spec;
        this.secrets = secrets;
        Path home = spec.home();
        this.serverUser = new ServerUser(asRoot);
        this.servicesHome = servicesHome(home, asRoot);
        RuntimeLayout rt = spec.runtimes();
        this.postgres = new PostgresInstall(home, rt.lib("postgres"), asRoot);
        this.logRotation =
                new LogRotation(spec.logs().maxSizeMb() * MIB, spec.logs().keep());

        Optional<PostgresServerTls> postgresTls = spec.tls() ? Optional.of(postgresTls(asRoot)) : Optional.empty();
        List<Service> storage = new ArrayList<>();
        storage.add(new PostgresService(
                SOURCE_DB,
                dirs(SOURCE_DB),
                postgres,
                spec.postgres().sourcePort(),
                SOURCE_DATABASE,
                spec.postgres().user(),
                () -> secrets.apply(Secrets.POSTGRES_ADMIN),
                OptionalInt.of(spec.postgres().maxSlotWalKeepSizeMb()),
                spec.nativeProperties().postgres(),
                postgresTls,
                logRotation));
        storage.add(new PostgresService(
                REPORTING_DB,
                dirs(REPORTING_DB),
                postgres,
                spec.postgres().reportingPort(),
                REPORTING_DATABASE,
                spec.postgres().user(),
                () -> secrets.apply(Secrets.POSTGRES_ADMIN),
                OptionalInt.empty(),
                spec.nativeProperties().postgres(),
                postgresTls,
                logRotation));
        KafkaRetention retention = new KafkaRetention(
                spec.kafka().retentionHours(),
                spec.kafka().retentionMbPerPartition() * MIB,
                spec.kafka().compression());
        this.kafkaSecurity = new KafkaBroker.Security(
                spec.kafka().saslMechanism(),
                spec.kafka().users().admin(),
                () -> secrets.apply(Secrets.KAFKA_ADMIN),
                new Secrets(home),
                spec.tls() ? Optional.of(kafkaTls(asRoot)) : Optional.empty());
        for (int i = 0; i < spec.kafka().brokers(); i++) {
            KafkaBroker broker = new KafkaBroker(
                    dirs(StackSpec.kafkaServiceName(i)),
                    i,
                    spec.kafka().brokers(),
                    spec.kafka().port(),
                    spec.kafka().controllerPort(),
                    spec.kafka().heapMb(),
                    retention,
                    spec.nativeProperties().kafka(),
                    rt.lib("kafka"),
                    servicesHome.resolve("services/kafka-cluster-id"),
                    logRotation,
                    spec.kafka().proxyPort(),
                    kafkaSecurity);
            storage.add(broker.withJmxAgent(jmxAgent("kafka", spec.monitoring().kafkaJmxPort(i))));
        }
        SearchNode search = new SearchNode(
                dirs("search"),
                spec.search().port(),
                spec.search().transportPort(),
                spec.search().heapMb(),
                spec.nativeProperties().search(),
                rt.lib("opensearch"),
                rt.classes("opensearch"),
                spec.search().users(),
                secrets,
                logRotation);
        if (spec.tls()) {
            search.withTls(ServerCertificates.search(localCa(), new Secrets(home), caCertificate(home, asRoot)));
        }
        storage.add(search.withJmxAgent(jmxAgent("search", spec.monitoring().searchJmxPort())));
        if (spec.runsRegistry()) {
            RegistryService registry = new RegistryService(
                    dirs(RegistryService.NAME),
                    spec.registry().port(),
                    spec.registry().managementPort(),
                    spec.registry().heapMb(),
                    rt.lib(RuntimeLayout.REGISTRY),
                    spec.registry(),
                    JavaRuntimes.ofThisMachine(),
                    secrets,
                    logRotation);
            if (spec.tls()) {
                registry.withTls(
                        ServerCertificates.registry(localCa(), new Secrets(home), caCertificate(home, asRoot)));
            }
            storage.add(registry);
        }

        FlinkCluster flink = new FlinkCluster(
                servicesHome,
                rt.lib("flink"),
                spec.flink().port(),
                spec.flink().rpcPort(),
                spec.flink().blobPort(),
                spec.flink().metricsPorts(),
                spec.flink().taskSlots(),
                spec.flink().jobManagerMemoryMb(),
                spec.flink().taskManagerMemoryMb(),
                spec.nativeProperties().flink(),
                logRotation,
                flinkRestCertificates());
        // JobManager and TaskManagers share checkpoints, savepoints and uploads: one user, given them by the cluster
        flink.runAs(ServerUser.of(asRoot, serverUserOf("flink-jobmanager")));
        ConnectWorker connect = new ConnectWorker(
                        dirs("connect"),
                        spec.connect().port(),
                        spec.kafkaBootstrapServers(),
                        spec.kafka().brokers(),
                        spec.connect().heapMb(),
                        spec.kafka().compression(),
                        rt.lib("connect"),
                        rt.lib("debezium").getParent(),
                        ConnectWorker.secretsDir(dirs("connect")),
                        () -> new BasicAuth(spec.connect().user(), secrets.apply(Secrets.CONNECT)),
                        logRotation)
                .withKafkaLogin(new ConnectWorker.KafkaLogin(
                        spec.kafka().saslMechanism(),
                        spec.kafka().users().connect(),
                        () -> secrets.apply(Secrets.KAFKA_CONNECT),
                        kafkaSecurity.tls().map(KafkaServerTls::caCertificate)))
                .withJmxAgent(jmxAgent("connect", spec.monitoring().connectJmxPort()));
        if (spec.avroChangeEvents()) {
            connect.withAvroConverter(rt.lib(RuntimeLayout.AVRO_CONVERTER).getParent());
        }
        if (spec.tls()) {
            connect.withRestTls(new ConnectRestTls(
                    ServerCertificates.connect(localCa(), new Secrets(home), caCertificate(home, asRoot))));
        }
        List<Service> platform = List.of(
                connect, new FlinkJobManager(dirs("flink-jobmanager"), flink, () -> secrets.apply(Secrets.KAFKA_JOB)));
        List<Service> workers = new ArrayList<>();
        for (int i = 1; i <= spec.flink().taskManagers(); i++) {
            workers.add(new FlinkTaskManager(
                    dirs("flink-taskmanager-" + i),
                    i,
                    flink,
                    () -> secrets.apply(Secrets.MART_WRITER),
                    () -> secrets.apply(Secrets.READER),
                    () -> secrets.apply(Secrets.SEARCH_WRITER),
                    () -> secrets.apply(Secrets.KAFKA_JOB),
                    () -> spec.avroChangeEvents() ? secrets.apply(Secrets.REGISTRY_JOB) : ""));
        }
        this.monitoringHome = serverUser.filesRoot(home, home, "monitoring");
        List<Service> monitoring = new ArrayList<>();
        if (spec.monitoring().runsPrometheus()) {
            PrometheusService prometheus = new PrometheusService(
                    ServiceDirs.of(monitoringHome, PrometheusService.NAME),
                    ServerUser.of(asRoot, PrometheusService.NAME),
                    spec.monitoring(),
                    spec.flink().metricsPorts(),
                    rt.alertRules(),
                    () -> secrets.apply(Secrets.EXPORTER),
                    logRotation);
            monitoring.add(prometheus.scrapeJmx(spec.jmxTargets(), () -> secrets.apply(Secrets.JMX_EXPORTER)));
        }
        if (spec.monitoring().runsAlertmanager()) {
            monitoring.add(new AlertmanagerService(
                    ServiceDirs.of(monitoringHome, AlertmanagerService.NAME),
                    ServerUser.of(asRoot, AlertmanagerService.NAME),
                    spec.monitoring(),
                    () -> secrets.apply(Secrets.EXPORTER),
                    logRotation));
        }
        this.tiers = List.of(List.copyOf(storage), platform, List.copyOf(workers), List.copyOf(monitoring));
        // every server drops root the same way, to its own user (PostgreSQL's and the monitoring's have theirs)
        for (Service s : services()) {
            if (s instanceof ProcessService ps && ps.user().isEmpty()) {
                ownUser(ps);
            }
        }
        // Watched and stopped here, never started: a start needs a command's arguments and config (below).
        this.generator = generator(List.of(), "");
        this.exporter = exporter("");
        this.dashboard = dashboard("", List.of());
        this.cliProcesses = List.of(generator, exporter, dashboard);
    }

    /**
     * The JMX exporter agent of a JVM service, with its rules ({@code monitoring/jmx/<rules>.yml}) and the login
     * Prometheus scrapes it with; every broker, Connect and the search node run one, whether a Prometheus runs or not.
     */
    private JmxAgent jmxAgent(String rules, int port) {
        return new JmxAgent(
                spec.runtimes(), rules, port, spec.monitoring().jmxUser(), () -> secrets.apply(Secrets.JMX_EXPORTER));
    }

    /**
     * The Flink REST API's certificates: rideops's client keystore and the truststore take the config's passwords
     * ({@code flink.client-keystore-password}, {@code flink.truststore-password}), the CA's and the server's, which
     * only the stack uses, are the home's generated secrets.
     */
    public FlinkRestCertificates flinkRestCertificates() {
        Secrets stored = new Secrets(spec.home());
        return new FlinkRestCertificates(
                stored,
                name -> name.equals(Secrets.FLINK_REST_CLIENT) || name.equals(Secrets.FLINK_REST_TRUSTSTORE)
                        ? secrets.apply(name)
                        : stored.getOrCreate(name));
    }

    /**
     * Both PostgreSQL clusters' TLS ({@code security.tls}): their certificate signed by the home's CA, whose store's
     * password is the home's generated secret as for Flink's REST API.
     */
    private PostgresServerTls postgresTls(boolean asRoot) {
        Secrets clusterFiles = postgres.secretFiles();
        return new PostgresServerTls(
                ServerCertificates.postgres(localCa(), clusterFiles, caCertificate(spec.home(), asRoot)), clusterFiles);
    }

    /**
     * The home's CA, which signs every server's certificate with {@code security.tls}: its store's password is the
     * home's generated secret, as for Flink's REST API.
     */
    private LocalCa localCa() {
        Secrets stored = new Secrets(spec.home());
        return new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA));
    }

    /**
     * The brokers' TLS ({@code security.tls}): one certificate for all of them, signed by the home's CA, kept in the
     * home's secrets; each broker copies it into its own conf.
     */
    private KafkaServerTls kafkaTls(boolean asRoot) {
        return new KafkaServerTls(
                ServerCertificates.kafka(localCa(), new Secrets(spec.home()), caCertificate(spec.home(), asRoot)));
    }

    /**
     * The public copy of the home's CA certificate, which every client of the stack's TLS verifies its servers with
     * (JDBC's {@code sslrootcert}): in the services' files root, which every service user may enter, unlike
     * {@code $RIDEOPS_HOME/secrets}. The same path for rideops and every service, so one JDBC URL serves them all.
     */
    public static Path caCertificate(Path home, boolean asRoot) {
        return servicesHome(home, asRoot).resolve("tls").resolve("ca.pem");
    }

    /**
     * Makes a service run as its own user when rideops is root ({@link #serverUserOf}): the servers and rideops's own
     * background processes (generator, exporter, dashboard) alike, so no process of the stack runs as root.
     */
    private <S extends ProcessService> S ownUser(S service) {
        service.runAs(ServerUser.of(serverUser.dropsRoot(), serverUserOf(service.name())));
        return service;
    }

    private ServiceDirs dirs(String service) {
        return ServiceDirs.of(servicesHome, service);
    }

    /**
     * Where the services' directories ({@code services/<name>}) and Flink's state ({@code flink/}) live: the home,
     * unless rideops runs as root and the home is out of the service users' reach (under /root, or a 0700 directory);
     * then in {@code /var/tmp/rideops-services-<hash of the home>} ({@link ServerUser#filesRoot}), with
     * {@code services} and {@code flink} in the home as links to there, so the home still shows everything.
     */
    public static Path servicesHome(Path home, boolean asRoot) {
        return new ServerUser(asRoot).filesRoot(home, home, "services");
    }

    /**
     * The local Connect worker's own secret files, where deploy stores the CDC connector's password for the worker's
     * {@code file} config provider: readable by the worker's user alone.
     */
    public static Secrets connectorSecrets(StackSpec spec, boolean asRoot) {
        ServiceDirs connect = ServiceDirs.of(servicesHome(spec.home(), asRoot), "connect");
        return Secrets.ofService(
                ConnectWorker.secretsDir(connect), Optional.of(ServerUser.of(asRoot, serverUserOf("connect"))));
    }

    /**
     * The user a server runs as when rideops is root, without its {@link ServerUser#PREFIX}: one per service, but one
     * for every Kafka broker, one for the Flink cluster (they share files) and one for both PostgreSQL clusters.
     */
    public static String serverUserOf(String service) {
        if (service.startsWith("kafka-")) {
            return "kafka";
        }
        if (service.startsWith("flink-")) {
            return "flink";
        }
        if (service.equals(SOURCE_DB) || service.equals(REPORTING_DB)) {
            return "postgres";
        }
        return service;
    }

    /** Where the services other than PostgreSQL and monitoring keep their files (see {@link #servicesHome}). */
    public Path servicesHome() {
        return servicesHome;
    }

    public StackSpec spec() {
        return spec;
    }

    /** Where the PostgreSQL clusters and binaries live (see {@link PostgresInstall}). */
    public Path postgresRoot() {
        return postgres.root();
    }

    /** Where Prometheus's and Alertmanager's service directories live: the home, or elsewhere as root. */
    public Path monitoringHome() {
        return monitoringHome;
    }

    public List<Service> services() {
        return tiers.stream().flatMap(List::stream).toList();
    }

    public Optional<Service> service(String name) {
        return Stream.concat(cliProcesses.stream(), services().stream())
                .filter(s -> s.name().equals(name))
                .findFirst();
    }

    /** The background generator: not part of the stack's tiers, stopped first by {@link #down}. */
    public GeneratorService generator() {
        return generator;
    }

    /**
     * A generator service for this home that will run rideops with the given arguments and the config handed over
     * (see {@link GeneratorService}) when started.
     */
    public GeneratorService generator(List<String> cliArgs, String configHandover) {
        return ownUser(new GeneratorService(
                dirs(GeneratorService.NAME), spec.runtimes(), cliArgs, configHandover, logRotation));
    }

    /** The background pipeline exporter: like the generator, started by the CLI (it needs a config), stopped here. */
    public ExporterService exporter() {
        return exporter;
    }

    /** An exporter service for this home that will run with the config handed over when started. */
    public ExporterService exporter(String configHandover) {
        return ownUser(new ExporterService(
                dirs(ExporterService.NAME),
                spec.runtimes(),
                spec.monitoring().exporterPort(),
                configHandover,
                () -> new BasicAuth(spec.monitoring().exporterUser(), secrets.apply(Secrets.EXPORTER)),
                logRotation));
    }

    /**
     * The built-in dashboard: outside the tiers like the generator, because it runs with the config of the command
     * that starts it ({@code up}, after the tiers); stopped first by {@link #down}, with the generator.
     */
    public DashboardService dashboard() {
        return dashboard;
    }

    /**
     * A dashboard service for this home that will run with the config handed over when started, reading the given
     * secret files (its Flink REST stores) as its own copies when it runs as its own user (see there).
     */
    public DashboardService dashboard(String configHandover, List<Path> secretFiles) {
        DashboardService dashboard = ownUser(new DashboardService(
                dirs(DashboardService.NAME),
                spec.dashboard().port(),
                spec.runtimes(),
                configHandover,
                () -> new BasicAuth(spec.dashboard().user(), secrets.apply(Secrets.DASHBOARD)),
                logRotation));
        dashboard.readsFiles(secretFiles);
        return dashboard;
    }

    /** The local brokers as their admin, the one super user (tests and the set-up below). */
    public KafkaAccess kafkaAdmin() {
        return kafkaSecurity.admin(spec.kafkaBootstrapServers());
    }

    /**
     * The brokers run: their users get their passwords and ACLs ({@link KafkaUsers}), before Connect and the job log
     * in as them. Every start does it (idempotent), so a changed password setting takes effect.
     */
    private void ensureKafkaUsers() {
        KafkaUsers users = spec.kafka().users();
        spec.kafka()
                .users()
                .ensure(
                        kafkaAdmin(),
                        Map.of(
                                users.rideops(), secrets.apply(Secrets.KAFKA_RIDEOPS),
                                users.connect(), secrets.apply(Secrets.KAFKA_CONNECT),
                                users.job(), secrets.apply(Secrets.KAFKA_JOB)));
    }

    /** pids of the services that run now, by service name (preflight does not count their ports as clashes). */
    public Map<Long, String> runningPids() {
        Map<Long, String> pids = new HashMap<>();
        for (Service s : shown()) {
            s.process().ifPresent(p -> {
                pids.put(p.pid(), s.name());
                p.descendants().forEach(child -> pids.put(child.pid(), s.name()));
            });
        }
        return pids;
    }

    /**
     * Starts every service that is not running, tier by tier, and waits until each is healthy. If one fails,
     * the services this call started are stopped again and the failure is thrown: nothing is left half-started.
     */
    public void up(StackListener listener) {
        prepareHome();
        startChosen(services(), listener);
    }

    /**
     * Before anything starts: the home must be the user's own, the spec is saved, and a files root outside the home
     * is created safely ({@link ServerUser#prepare}).
     */
    private void prepareHome() {
        try {
            PrivateDirs.requireOwned(spec.home());
            saveSpec();
            if (!tiers.get(tiers.size() - 1).isEmpty()) {
                serverUser.prepare(monitoringHome);
            }
            linkServicesRoot();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * For a service started on its own, without {@link #up} or {@link #start} (the detached generator on a home
     * whose stack runs elsewhere): its files root is made and linked into the home as theirs would be.
     */
    public void linkFilesIntoHome() {
        try {
            PrivateDirs.requireOwned(spec.home());
            linkServicesRoot();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private void linkServicesRoot() throws IOException {
        serverUser.prepare(servicesHome);
        if (!servicesHome.equals(spec.home())) {
            for (String dir : List.of("services", "flink")) {
                linkIntoHome(dir);
            }
        }
    }

    /**
     * Makes {@code home/<dir>} a link to the services' files root's, so commands, snapshots and users find the files
     * where they always were. A real directory there (made when services still ran as root) is moved over first.
     */
    private void linkIntoHome(String dir) throws IOException {
        Path target = servicesHome.resolve(dir);
        Path link = spec.home().resolve(dir);
        Files.createDirectories(target);
        if (Files.isSymbolicLink(link)) {
            if (Files.readSymbolicLink(link).equals(target)) {
                return;
            }
            Files.delete(link);
        } else if (Files.isDirectory(link)) {
            try (Stream<Path> children = Files.list(link)) {
                for (Path child : children.toList()) {
                    Path moved = target.resolve(child.getFileName());
                    if (Files.exists(moved, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("cannot move " + child + " to " + moved + ", where one exists already: "
                                + "remove one of them (or start afresh with 'rideops down --purge')");
                    }
                    Files.move(child, moved);
                }
            }
            Files.delete(link);
        }
        Files.createSymbolicLink(link, target);
    }

    /**
     * What each service needs running (the generator included, last), for {@link #start(List, StackListener)},
     * {@link #stop(List, StackListener)} and the commands that name what a stop would break.
     */
    public ServiceDependencies dependencies() {
        List<String> names =
                new ArrayList<>(services().stream().map(Service::name).toList());
        names.add(GeneratorService.NAME);
        return new ServiceDependencies(names);
    }

    /**
     * Starts the named services and what they need ({@link #dependencies()}), tier by tier, each awaited healthy;
     * those already running are left as they are. Like {@link #up}, a failure stops what this call started.
     * Returns the services it started now.
     */
    public List<String> start(List<String> names, StackListener listener) {
        if (names.contains(GeneratorService.NAME)) {
            throw new IllegalArgumentException("the generator is started with its workload by 'rideops generate'");
        }
        List<String> wanted = dependencies().withWhatTheyNeed(names);
        prepareHome();
        return startChosen(
                        services().stream()
                                .filter(s -> wanted.contains(s.name()))
                                .toList(),
                        listener)
                .stream()
                .map(Service::name)
                .toList();
    }

    /**
     * Stops the named services only (callers check {@link ServiceDependencies#dependentsOf} first), newest tier
     * first, a tier's services in parallel.
     */
    public void stop(List<String> names, StackListener listener) {
        for (Service s : cliProcesses) {
            if (names.contains(s.name())) {
                stopIfRunning(s, listener);
            }
        }
        stopTiers(s -> names.contains(s.name()), listener);
    }

    /** The processes the CLI starts outside the tiers (generator, exporter, dashboard) stop before what they read. */
    private static void stopIfRunning(Service s, StackListener listener) {
        if (s.process().isPresent()) {
            listener.stopping(s.name());
            listener.stopped(s.name(), s.stop(STOP_GRACE), true);
        }
    }

    /** Starts the given services in tier order and waits for each; returns the ones started now. */
    private List<Service> startChosen(List<Service> chosen, StackListener listener) {
        List<Service> startedNow = new ArrayList<>();
        ExecutorService pool = DaemonThreads.cachedPool("rideops-up");
        try {
            for (List<Service> allOfTier : tiers) {
                List<Service> tier = allOfTier.stream().filter(chosen::contains).toList();
                Map<Service, Instant> began = new HashMap<>();
                List<Service> wasRunning = new ArrayList<>();
                for (Service s : tier) {
                    began.put(s, Instant.now());
                    if (s.start()) {
                        listener.starting(s.name());
                        startedNow.add(s);
                    } else {
                        wasRunning.add(s);
                    }
                }
                List<Future<?>> waits = new ArrayList<>();
                for (Service s : tier) {
                    waits.add(pool.submit(() -> {
                        s.awaitHealthy(s.startTimeout());
                        listener.healthy(
                                s.name(),
                                s.endpoint(),
                                Duration.between(began.get(s), Instant.now()),
                                wasRunning.contains(s));
                    }));
                }
                for (Future<?> wait : waits) {
                    wait.get();
                }
                try {
                    if (tier.stream().anyMatch(KafkaBroker.class::isInstance)) {
                        ensureKafkaUsers();
                    }
                } catch (RuntimeException e) {
                    rollBack(startedNow, listener);
                    throw e;
                }
            }
        } catch (IOException e) {
            rollBack(startedNow, listener);
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            rollBack(startedNow, listener);
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            // rolled back before the flag is set again: the stops are waited for
            rollBack(startedNow, listener);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the stack", e);
        } finally {
            pool.shutdownNow();
        }
        return startedNow;
    }

    /**
     * Stops what a failed start started, as {@link #down} would: newest tier first, a tier in parallel (brokers
     * stopped one by one leave the last without a quorum, waiting out its grace period).
     */
    private void rollBack(List<Service> startedNow, StackListener listener) {
        stopTiers(startedNow::contains, listener);
    }

    /** Stops every service, newest tier first; a tier's services stop in parallel (a KRaft quorum needs that). */
    public void down(StackListener listener, boolean purge) {
        cliProcesses.forEach(s -> stopIfRunning(s, listener));
        if (!stopTiers(s -> true, listener)) {
            return;
        }
        if (purge) {
            try {
                // links into the files roots are deleted, never followed; the roots themselves below
                FileTrees.delete(spec.home().resolve("services"));
                FileTrees.delete(spec.home().resolve("flink"));
                for (Path root : List.of(postgres.root(), monitoringHome, servicesHome)) {
                    if (serverUser.isShared(root)) {
                        serverUser.purge(root);
                    } else if (root.equals(postgres.root())) {
                        FileTrees.delete(root);
                    }
                }
                Files.deleteIfExists(specFile(spec.home()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot purge " + spec.home() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stops the chosen services, newest tier first, a tier in parallel; false when interrupted meanwhile. */
    private boolean stopTiers(java.util.function.Predicate<Service> chosen, StackListener listener) {
        List<List<Service>> reversed = new ArrayList<>(tiers);
        java.util.Collections.reverse(reversed);
        for (List<Service> allOfTier : reversed) {
            List<Service> tier = allOfTier.stream().filter(chosen).toList();
            List<Thread> stops = new ArrayList<>();
            for (Service s : tier) {
                boolean running = s.process().isPresent();
                if (running) {
                    listener.stopping(s.name());
                }
                Thread t = new Thread(
                        () -> {
                            boolean forced = s.stop(STOP_GRACE);
                            listener.stopped(s.name(), forced, running);
                        },
                        "rideops-stop-" + s.name());
                t.start();
                stops.add(t);
            }
            for (Thread t : stops) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** What this stack's services use on disk, wherever their files live. */
    public DiskUsage diskUsage() {
        return DiskUsage.of(spec.home(), monitoringHome, servicesHome);
    }

    /**
     * Each service's state, probed now, with the bytes its directory takes from {@code disk}. The probes run side by
     * side, each on its own thread, as they often wait on their service (a login's handshake, an HTTP answer): on a
     * three-broker stack under load, a status took 16-19 s one after the other and 7-8 s side by side.
     */
    public List<ServiceStatus> status(DiskUsage disk) {
        ExecutorService pool = DaemonThreads.cachedPool("rideops-status");
        try {
            List<Future<ServiceStatus>> probes = new ArrayList<>();
            for (Service s : shown()) {
                probes.add(pool.submit(() -> status(s, disk)));
            }
            List<ServiceStatus> result = new ArrayList<>();
            for (Future<ServiceStatus> probe : probes) {
                result.add(probe.get());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the services", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ServiceStatus status(Service s, DiskUsage disk) {
        Optional<ProcessHandle> process = s.process();
        // a service never started here uses nothing; one that could not be measured is null
        Long diskBytes = disk.bytes().containsKey(s.name())
                ? disk.bytes().get(s.name())
                : Files.isDirectory(dirs(s.name()).root()) ? null : Long.valueOf(0);
        if (process.isEmpty()) {
            return new ServiceStatus(
                    s.name(),
                    ServiceStatus.DOWN,
                    null,
                    s.port(),
                    s.endpoint(),
                    null,
                    null,
                    diskBytes,
                    null,
                    plannedUser(s));
        }
        ProcessHandle p = process.get();
        String problem = s.probe();
        Long uptime = p.info()
                .startInstant()
                .map(i -> Duration.between(i, Instant.now()).toSeconds())
                .orElse(null);
        return new ServiceStatus(
                s.name(),
                problem == null ? ServiceStatus.HEALTHY : ServiceStatus.RUNNING,
                p.pid(),
                s.port(),
                s.endpoint(),
                uptime,
                rssMb(p),
                diskBytes,
                problem,
                ProcessOwner.of(Path.of("/proc"), p.pid()).orElse(null));
    }

    /** Who a service that is down would run as: its own user when rideops is root, else rideops's. */
    private static String plannedUser(Service s) {
        Optional<ServerUser> user = s instanceof ProcessService ps ? ps.user() : Optional.empty();
        return user.flatMap(ServerUser::name).orElse(System.getProperty("user.name"));
    }

    /** A running service's process and memory, without the health probe that {@link #status()} makes. */
    public record Usage(String service, long pid, long rssMb) {}

    /** Each running service's pid and RSS: cheap enough to sample every few seconds. */
    public List<Usage> usage() {
        List<Usage> result = new ArrayList<>();
        for (Service s : shown()) {
            s.process().ifPresent(p -> result.add(new Usage(s.name(), p.pid(), rssMb(p))));
        }
        return result;
    }

    private List<Service> shown() {
        List<Service> shown = new ArrayList<>(services());
        for (Service s : cliProcesses) {
            // the exporter belongs to a stack with a local Prometheus: shown there even when down, so it is missed
            if (s.process().isPresent() || (s == exporter && spec.monitoring().runsExporter())) {
                shown.add(s);
            }
        }
        return shown;
    }

    /** The process's resident memory with its children's (PostgreSQL's backends). */
    private static long rssMb(ProcessHandle p) {
        Path proc = Path.of("/proc");
        return MemoryInfo.rssMb(proc, p.pid()).orElse(0)
                + p.descendants()
                        .mapToLong(c -> MemoryInfo.rssMb(proc, c.pid()).orElse(0))
                        .sum();
    }

    public void kill(String service) {
        service(service)
                .orElseThrow(() -> new IllegalArgumentException("no service " + service))
                .kill();
    }

    public static Path specFile(Path home) {
        return home.resolve("stack.json");
    }

    private void saveSpec() {
        try {
            Files.createDirectories(spec.home());
            JSON.writeValue(specFile(spec.home()).toFile(), spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + specFile(spec.home()), e);
        }
    }

    /** The spec the last {@code up} used in this home, if the stack was started there. */
    public static Optional<StackSpec> savedSpec(Path home) {
        Path file = specFile(home);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode saved = JSON.readTree(file.toFile());
            if (saved instanceof ObjectNode fields && !fields.has("tls")) {
                // written before security.tls: that stack serves no TLS, and is still the one running
                fields.put("tls", false);
            }
            if (saved.get("registry") instanceof ObjectNode registry && !registry.has("javaHome")) {
                // written before registry.java-home: the Java is looked for as when it is empty
                registry.put("javaHome", "");
            }
            return Optional.of(JSON.treeToValue(saved, StackSpec.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
