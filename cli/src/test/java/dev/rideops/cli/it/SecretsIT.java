package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.kafka.KafkaAdmins;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.JobContract;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.services.PrometheusService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets of a whole run, as a user gets them: {@code up --volume tiny} with nothing set generates one
 * password per role (the databases', the servers' logins, and Kafka's users); each role may do its job and no more; after a short bench and its verify, no password is on any
 * process's command line, in any file of the home (logs, configs, stack.json, Kafka's and PostgreSQL's data, the
 * results) or in what Connect's and Flink's REST APIs return; Connect's REST API answers nothing without its login;
 * and a wrong password is one line naming the setting.
 * On the run's shared stack ({@link SharedTinyStack}), which was started with nothing set: by the time this class
 * looks, the chaos faults, the dashboard and the alerts have written to its home too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedTinyStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Where the stack's Prometheus reads the exporter's password from (under its monitoring home). */
    private static final Path PROMETHEUS_EXPORTER_PASSWORD = Path.of("services/prometheus/conf/exporter-password");

    private static final Path ALERTMANAGER_EXPORTER_PASSWORD = Path.of("services/alertmanager/conf/exporter-password");
    /** The users file of Connect's basic-auth login module, the worker's copy of its login. */
    private static final Path CONNECT_REST_USERS = Path.of("services/connect/conf/rest-users.properties");
    /**
     * The secret files outside secrets/: each service's own copy of what it must read in the clear, by where it lies
     * under a services directory, with the service user that alone may read it when rideops runs as root.
     */
    private static final Map<String, String> SERVICE_SECRETS = Map.of(
            "services/kafka-1/conf/kafka-server.jaas", "rideops-kafka",
            "services/connect/conf/rest-users.properties", "rideops-connect",
            "services/connect/conf/secrets/kafka-connect.properties", "rideops-connect",
            "services/connect/conf/secrets/connector.properties", "rideops-connect",
            "services/prometheus/conf/exporter-password", "rideops-prometheus",
            "services/search/conf/users", "rideops-search",
            "services/flink-jobmanager/conf/config.yaml", "rideops-flink",
            // as root only: the dashboard's copies of the Flink REST stores its cohort schedule opens
            "services/dashboard/conf/flink-rest-client.p12", "rideops-dashboard",
            "services/dashboard/conf/flink-rest-truststore.p12", "rideops-dashboard");

    private static boolean asRoot() {
        return System.getProperty("user.name").equals("root");
    }

    /** Who a service's process runs as when rideops is root: its own user ({@code ServerUser}). */
    private static String serviceUser(String service) {
        if (service.startsWith("kafka-")) {
            return "rideops-kafka";
        }
        if (service.startsWith("flink-")) {
            return "rideops-flink";
        }
        if (service.endsWith("-db")) {
            return "rideops-postgres";
        }
        return "rideops-" + service;
    }

    /** The real, effective, saved and filesystem uids of a process, from the kernel's /proc/PID/status. */
    private static List<Integer> uids(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Uid:")) {
                return Stream.of(line.substring(4).trim().split("\\s+"))
                        .map(Integer::valueOf)
                        .toList();
            }
        }
        throw new IOException("no Uid line for pid " + pid);
    }
    /** The JobManager's config: Flink reads its REST TLS stores' passwords from there only. */
    private static final Path FLINK_JOBMANAGER_CONFIG = Path.of("services/flink-jobmanager/conf/config.yaml");

    private Path home;
    private Rideops rideops;
    /** Each generated password by its secret file's name. */
    private final Map<String, String> secrets = new LinkedHashMap<>();

    @BeforeAll
    void theSharedStack() throws IOException {
        home = SharedTinyStack.get().home();
        rideops = SharedTinyStack.get().rideops();
        for (String name : List.of(
                "postgres-admin",
                "source-writer",
                "cdc",
                "mart-writer",
                "reader",
                "dashboard",
                "exporter",
                "search-admin",
                "search-writer",
                "search-reader",
                "connect",
                "kafka-admin",
                "kafka-rideops",
                "kafka-connect",
                "kafka-job",
                "flink-ca",
                "flink-rest-server",
                "flink-rest-client",
                "flink-rest-truststore")) {
            secrets.put(
                    name,
                    Files.readString(home.resolve("secrets").resolve(name)).strip());
        }
    }

    @Test
    @Order(1)
    void upGeneratedOneRandomPasswordPerRoleThatOnlyItsOwnerCanRead() throws Exception {
        assertThat(secrets.values())
                .allMatch(s -> s.matches("[A-Za-z0-9_-]{32}"))
                .doesNotHaveDuplicates();
        Path dir = home.resolve("secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    @Order(2)
    void eachRoleMayDoItsJobAndNothingMore() throws Exception {
        int source = rideops.sourcePort();
        int reporting = rideops.reportingPort();
        try (Connection c = login(source, "ride_hailing_db", "rideops_reader", "reader")) {
            assertThat(count(c, "SELECT count(*) FROM bookings")).isPositive();
            assertRefused(c, "DELETE FROM bookings");
        }
        try (Connection c = login(reporting, "reporting_db", "rideops_reader", "reader")) {
            assertThat(count(c, "SELECT count(*) FROM mart.latest_metric_snapshot"))
                    .isPositive();
            assertRefused(c, "UPDATE mart.latest_metric_snapshot SET metric_value = 0");
            // the dashboard, the exporter and BI tools read the BI views as this role
            assertThat(count(c, "SELECT count(*) FROM mart.v_kpi_minute")).isNotNegative();
        }
        try (Connection c = login(source, "ride_hailing_db", "rideops_writer", "source-writer")) {
            assertThat(count(c, "SELECT count(*) FROM riders")).isPositive();
            assertRefused(c, "CREATE TABLE planted (id int)");
            assertRefused(c, "TRUNCATE bookings");
            assertRefused(c, "SELECT count(*) FROM flyway_schema_history");
        }
        try (Connection c = login(source, "ride_hailing_db", "rideops_cdc", "cdc")) {
            assertThat(count(c, "SELECT count(*) FROM driver_location_events")).isPositive();
            assertRefused(c, "SELECT count(*) FROM cities");
            assertRefused(c, "INSERT INTO riders (rider_id, city, created_at) VALUES (-1, 'x', now())");
        }
        try (Connection c = login(reporting, "reporting_db", "rideops_mart", "mart-writer")) {
            assertThat(count(c, "SELECT count(*) FROM mart.fact_metric_bucket")).isPositive();
            assertRefused(c, "CREATE TABLE mart.planted (id int)");
        }
        // each cluster has the login roles of its own jobs only, each with a SCRAM password
        try (Connection admin = rideops.admin(reporting, "reporting_db")) {
            assertThat(loginRoles(admin)).containsExactly("rideops_admin", "rideops_mart", "rideops_reader");
        }
        try (Connection admin = rideops.admin(source, "ride_hailing_db")) {
            assertThat(loginRoles(admin))
                    .containsExactly("rideops_admin", "rideops_cdc", "rideops_reader", "rideops_writer");
            assertThat(count(
                            admin,
                            "SELECT count(*) FROM pg_roles WHERE rolreplication AND rolname <> 'rideops_admin'"
                                    + " AND rolname NOT LIKE 'pg\\_%'"))
                    .as("only Debezium's role may replicate")
                    .isEqualTo(1);
            assertThat(count(
                            admin,
                            "SELECT count(*) FROM pg_publication p JOIN pg_roles r ON r.oid = p.pubowner "
                                    + "WHERE p.pubname = 'rideops_publication' AND r.rolname = 'rideops_admin'"))
                    .isEqualTo(1);
            assertThat(count(
                            admin,
                            "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'rideops_publication' "
                                    + "AND schemaname = 'public' AND tablename = 'debezium_signal'"))
                    .as("the connector captures its signal table, so the admin's publication holds it")
                    .isEqualTo(1);
            assertThat(count(
                            admin,
                            "SELECT count(*) WHERE has_table_privilege('rideops_cdc', 'public.debezium_signal', "
                                    + "'SELECT') AND has_table_privilege('rideops_cdc', 'public.debezium_signal', "
                                    + "'INSERT')"))
                    .as("Debezium snapshots its signal table and inserts an incremental snapshot's window marks")
                    .isEqualTo(1);
            assertThat(count(
                            admin,
                            "SELECT count(*) WHERE has_table_privilege('rideops_cdc', 'public.debezium_signal', "
                                    + "'UPDATE') OR has_table_privilege('rideops_cdc', 'public.debezium_signal', "
                                    + "'DELETE')"))
                    .as("insert_insert watermarks: nothing to update or delete")
                    .isZero();
            assertThat(count(
                            admin,
                            "SELECT count(*) WHERE has_table_privilege('rideops_writer', 'public.debezium_signal', "
                                    + "'INSERT')"))
                    .as("the generator may not ask for snapshots")
                    .isZero();
        }
    }

    @Test
    @Order(3)
    void noPasswordIsOnACommandLineInAFileOfTheHomeOrInWhatTheRestApisReturn() throws Exception {
        // The bench takes over the background generator, runs verify on its window and starts the generator again:
        // what it wrote and the command lines after it are scanned. Its figures and report are ShortBench's checks.
        Path results = home.resolve("bench-results");
        ShortBench.runAndCheck(rideops, home, results);

        // as root with a home nobody can enter, the servers' files live under /var/tmp, named by this key
        String key = HomeFiles.key(home);
        List<String> commandLines = HomeFiles.commandLines();
        assertThat(commandLines)
                .as("the stack's processes were scanned")
                .anyMatch(line -> line.contains(home.toString()) || line.contains("rideops-services-" + key));
        for (String line : commandLines) {
            assertNoSecret("command line " + line, line);
        }

        AtomicInteger scanned = new AtomicInteger();
        java.util.Set<String> ownSecretsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        HomeFiles.walk(home, (f, attrs) -> {
            String serviceSecret = SERVICE_SECRETS.keySet().stream()
                    .filter(relative -> f.endsWith(relative))
                    .findFirst()
                    .orElse(null);
            if (serviceSecret != null) {
                // a service's own copy: 0600, and as root its user's, so no other service reads it
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo("rw-------");
                assertThat(Files.getOwner(f).getName())
                        .as(f.toString())
                        .isEqualTo(asRoot() ? SERVICE_SECRETS.get(serviceSecret) : System.getProperty("user.name"));
                ownSecretsSeen.add(serviceSecret);
            }
            if (f.endsWith(PROMETHEUS_EXPORTER_PASSWORD) || f.endsWith(ALERTMANAGER_EXPORTER_PASSWORD)) {
                // the copies outside secrets/: the password_file Prometheus scrapes the exporter with, and
                // Alertmanager's for its webhook to it, each only its service may read
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo("rw-------");
                assertThat(f).hasContent(secrets.get("exporter"));
                return;
            }
            if (f.endsWith(CONNECT_REST_USERS)) {
                // the login module compares passwords in the clear: only the worker's user may read it
                assertThat(Files.readString(f)).contains("rideops=" + secrets.get("connect"));
                return;
            }
            if (f.endsWith(FLINK_JOBMANAGER_CONFIG)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo("rw-------");
                String config = Files.readString(f);
                assertThat(config)
                        .contains("security.ssl.rest.keystore-password: '" + secrets.get("flink-rest-server"))
                        .contains("security.ssl.rest.truststore-password: '" + secrets.get("flink-rest-truststore"));
                // but none of the others: not the client's, not the CA's
                secrets.forEach((name, value) -> {
                    if (!name.equals("flink-rest-server") && !name.equals("flink-rest-truststore")) {
                        assertThat(config).as("the %s password in %s", name, f).doesNotContain(value);
                    }
                });
                return;
            }
            if (serviceSecret != null && !serviceSecret.endsWith("/users")) {
                // the others hold their password in the clear too (the search node's users file only hashes)
                return;
            }
            String text = HomeFiles.text(f, attrs);
            if (text != null) {
                assertNoSecret(f.toString(), text);
                scanned.incrementAndGet();
            }
        });
        assertThat(scanned.get()).as("files scanned").isGreaterThan(100);
        // (Prometheus's only where it is installed)
        assertThat(ownSecretsSeen)
                .as("each service's own secret files")
                .containsAll(SERVICE_SECRETS.keySet().stream()
                        .filter(f -> !f.contains("prometheus"))
                        .filter(f -> asRoot() || !f.startsWith("services/dashboard/"))
                        .toList());
        assertThat(Files.readString(home.resolve("stack.json"))).doesNotContain("password");
        assertThat(home.resolve("services/connect/service.log")).exists();

        String connect = "http://127.0.0.1:" + rideops.connectPort();
        String connector = get(connect + "/connectors/rideops-source/config", rideops.connectLogin());
        assertThat(connector).contains("${file:");
        assertNoSecret("Connect's connector config", connector);
        assertNoSecret(
                "Connect's task configs", get(connect + "/connectors/rideops-source/tasks", rideops.connectLogin()));
        for (JsonNode job : rideops.flinkGet("/jobs/overview").path("jobs")) {
            String jobConfig = rideops.flinkGet("/jobs/" + job.path("jid").asText() + "/config")
                    .toString();
            assertNoSecret("Flink's job config", jobConfig);
        }
        // Flink hides the values of keys named *password*: the REST TLS stores' passwords among them
        assertNoSecret(
                "Flink's JobManager config",
                rideops.flinkGet("/jobmanager/config").toString());
    }

    /**
     * As root, no process of the stack runs as root: each runs as its own user (the kernel's uids of its process and of
     * every child, like PostgreSQL's backends), which status shows; the processes the CLI starts itself from rideops's
     * own code (the dashboard, the exporter, the generator) too. The same status shows the Flink services healthy:
     * the stack's probe gets through Flink REST's client-certificate check (flinkRestAnswersOnlyAClientWithRideopsCertificate's
     * other half, which had a status of its own).
     */
    @Test
    @Order(2)
    void noServiceProcessRunsAsRootEachAsItsOwnUserAsStatusShows() throws Exception {
        JsonNode services = rideops.statusJson().get("services");
        List<String> flink = new ArrayList<>();
        for (JsonNode service : services) {
            if (service.get("service").asText().startsWith("flink-")) {
                assertThat(service.get("state").asText()).as(service.toString()).isEqualTo("healthy");
                flink.add(service.get("service").asText());
            }
        }
        // the JobManager and at least one TaskManager, or the loop above checked nothing
        assertThat(flink).contains("flink-jobmanager").hasSizeGreaterThanOrEqualTo(2);
        List<String> checked = new ArrayList<>();
        for (JsonNode s : services) {
            String name = s.path("service").asText();
            if (s.path("pid").isNull() || s.path("pid").isMissingNode()) {
                continue;
            }
            long pid = s.path("pid").asLong();
            String expected = asRoot() ? serviceUser(name) : System.getProperty("user.name");
            assertThat(s.path("user").asText()).as(name).isEqualTo(expected);
            List<Long> pids = new ArrayList<>(List.of(pid));
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
            for (long p : pids) {
                List<Integer> uids;
                try {
                    uids = uids(p);
                } catch (NoSuchFileException gone) {
                    // a PostgreSQL backend that ended meanwhile
                    continue;
                }
                if (asRoot()) {
                    assertThat(uids)
                            .as(name + " pid " + p + " real/effective/saved/fs uids")
                            .doesNotContain(0);
                }
            }
            checked.add(name);
        }
        assertThat(checked)
                .as("services checked")
                .hasSizeGreaterThanOrEqualTo(8)
                .contains("dashboard");
    }

    /**
     * Kafka takes no anonymous client and no wrong password, and each of its users may do its job only: the job may
     * neither create a topic nor write a CDC topic, rideops may not write one either.
     */
    @Test
    @Order(2)
    void kafkaRefusesAnonymousClientsAndEachUserMayDoItsJobOnly() throws Exception {
        String cdcTopic = CdcContract.topic("public.bookings");
        // the broker hangs up on a client that starts no SASL, which tries again until its API timeout: 3 s of that
        // show as much as KafkaAdmins' 10 (this test was 12 s in three CI runs)
        Properties anonymousProps =
                KafkaAccess.plaintext("127.0.0.1:" + rideops.kafkaPort()).properties();
        anonymousProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        anonymousProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin anonymous = Admin.create(anonymousProps)) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get(20, TimeUnit.SECONDS))
                    .as("a PLAINTEXT client without SASL lists no topic")
                    .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
        }
        try (Admin wrong = KafkaAdmins.create(rideops.kafka().as("rideops", "wrong"))) {
            assertThatThrownBy(() -> wrong.listTopics().names().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        try (Admin own = KafkaAdmins.create(rideops.kafka())) {
            assertThat(own.listTopics().names().get(20, TimeUnit.SECONDS))
                    .contains(cdcTopic, JobContract.DEAD_LETTER_TOPIC);
            assertThatThrownBy(() -> own.createTopics(List.of(new NewTopic("planted", 1, (short) 1)))
                            .all()
                            .get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        KafkaAccess job = rideops.kafkaAs("rideops-job", "kafka-job");
        try (Admin asJob = KafkaAdmins.create(job)) {
            assertThatThrownBy(() -> asJob.createTopics(List.of(new NewTopic("rideops.public.planted", 1, (short) 1)))
                            .all()
                            .get(20, TimeUnit.SECONDS))
                    .as("the job creates no topic")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        for (KafkaAccess writer : List.of(job, rideops.kafka())) {
            Properties props = writer.properties();
            props.put("max.block.ms", 20_000);
            // not idempotent: rideops's user may write no topic at all, so an idempotent producer would already be
            // refused its producer id (a cluster ACL), and this is about the topic's
            props.put("enable.idempotence", false);
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(cdcTopic, "planted", "{}"))
                                .get(30, TimeUnit.SECONDS))
                        .as(writer.user() + " writes no CDC topic")
                        .isInstanceOfSatisfying(
                                ExecutionException.class,
                                e -> assertThat(e.getCause()).isInstanceOf(TopicAuthorizationException.class));
            }
        }
    }

    /** rideops's own servers: the dashboard and the exporter answer nothing without their login (basic auth). */
    @Test
    @Order(2)
    void theDashboardAndTheExporterAnswer401WithoutTheirLogin() throws Exception {
        String dashboard = "http://127.0.0.1:" + rideops.dashboardPort();
        for (String path : List.of("/", "/overview", "/api/pages", "/api/health", "/api/panels/gmv")) {
            assertThat(status(dashboard + path, null)).as(path).isEqualTo(401);
            assertThat(status(dashboard + path, new BasicAuth("rideops", "wrong")))
                    .as(path)
                    .isEqualTo(401);
        }
        assertThat(status(dashboard + "/api/pages", rideops.dashboardLogin())).isEqualTo(200);
        // up starts the exporter with Prometheus, when that is installed (a status to see it was about 5 s)
        if (Executables.fromEnvironment().findAny(PrometheusService.BINARIES).isPresent()) {
            String exporter = "http://127.0.0.1:" + rideops.exporterPort();
            for (String path : List.of("/metrics", "/-/healthy")) {
                assertThat(status(exporter + path, null)).as(path).isEqualTo(401);
                assertThat(status(exporter + path, new BasicAuth("prometheus", "wrong")))
                        .as(path)
                        .isEqualTo(401);
            }
            assertThat(status(exporter + "/metrics", rideops.exporterLogin())).isEqualTo(200);
        }
    }

    /**
     * The search node answers nothing without a login (health included), each of its users only what its role may,
     * and its users file holds no password. Writes that would be allowed are not made: verify runs after this.
     */
    @Test
    @Order(2)
    void theSearchNodeAnswers401WithoutALoginAnd403BeyondARolesJob() throws Exception {
        String search = "http://127.0.0.1:" + rideops.searchPort();
        HttpResponse<String> anonymous = send(search + "/_cluster/health", "GET", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        for (String path : List.of("/", "/driver_locations/_count", "/_cat/indices")) {
            assertThat(status(search + path, null)).as(path).isEqualTo(401);
            assertThat(status(search + path, new BasicAuth("elastic", "wrong")))
                    .as(path)
                    .isEqualTo(401);
            assertThat(status(search + path, new BasicAuth("rideops_search_reader", secrets.get("search-admin"))))
                    .as("another user's password, " + path)
                    .isEqualTo(401);
        }
        assertThat(status(search + "/_cluster/health", rideops.searchAdmin())).isEqualTo(200);

        BasicAuth reader = rideops.searchReader();
        assertThat(send(search + "/driver_locations/_count", "GET", reader, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(search + "/driver_locations/_search?size=1", "POST", reader, "{}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> readerWrites =
                send(search + "/driver_locations/_doc/planted", "PUT", reader, "{\"driver_id\":-1}");
        assertThat(readerWrites.statusCode()).isEqualTo(403);
        assertThat(readerWrites.body()).contains("read-only");
        assertThat(send(
                                search + "/_bulk",
                                "POST",
                                reader,
                                "{\"delete\":{\"_index\":\"driver_locations\",\"_id\":\"1\"}}\n")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(search + "/driver_locations", "DELETE", reader, null).statusCode())
                .isEqualTo(403);

        BasicAuth writer = rideops.searchWriter();
        assertThat(send(search + "/planted", "PUT", writer, "{}").statusCode()).isEqualTo(403);
        assertThat(send(search + "/driver_locations", "DELETE", writer, null).statusCode())
                .isEqualTo(403);
        assertThat(send(
                                search + "/_bulk",
                                "POST",
                                writer,
                                "{\"index\":{\"_index\":\"planted\",\"_id\":\"1\"}}\n{\"a\":1}\n")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(search + "/_cluster/settings", "PUT", writer, "{}").statusCode())
                .isEqualTo(403);
        assertThat(status(search + "/planted", rideops.searchAdmin()))
                .as("nothing was created")
                .isEqualTo(404);

        Path users = home.resolve("services/search/conf/users");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(users))
                .contains("elastic admin pbkdf2-sha256$")
                .contains("rideops_search_writer writer pbkdf2-sha256$")
                .contains("rideops_search_reader reader pbkdf2-sha256$");
    }

    /**
     * Connect's REST API (Kafka's BasicAuthSecurityRestExtension): nothing without the login, its own connector's
     * config included; rideops sends it, and what it reads back through it still holds no database password.
     */
    @Test
    @Order(2)
    void connectsRestApiAnswers401WithoutItsLogin() throws Exception {
        String connect = "http://127.0.0.1:" + rideops.connectPort();
        for (String path : List.of(
                "/", "/connectors", "/connector-plugins", "/connectors/rideops-source/config", "/admin/loggers")) {
            assertThat(status(connect + path, null)).as(path).isEqualTo(401);
            assertThat(status(connect + path, new BasicAuth("rideops", "wrong")))
                    .as(path)
                    .isEqualTo(401);
            assertThat(status(connect + path, new BasicAuth("admin", secrets.get("connect"))))
                    .as(path)
                    .isEqualTo(401);
        }
        assertThat(status(connect + "/connectors", rideops.connectLogin())).isEqualTo(200);

        Rideops.Result state = rideops.runOk("connector", "status", "--json");
        assertThat(state.json().get("name").asText()).isEqualTo("rideops-source");
        assertNoSecret("connector status", state.out());
        assertNoSecret(
                "Connect's connector config", get(connect + "/connectors/rideops-source", rideops.connectLogin()));
        assertThat(rideops.runOk("env", "--json")
                        .json()
                        .get("CONNECT_PASSWORD_FROM")
                        .asText())
                .contains("secret " + home.resolve("secrets/connect"));
    }

    /**
     * Flink's REST API ({@code security.ssl.rest.*} with authentication on): it answers rideops's client certificate
     * only, not a client without one, not one of another CA, not plain http; a wrong store is one line naming Flink
     * REST and the setting to fix.
     */
    @Test
    @Order(2)
    void flinkRestAnswersOnlyAClientWithRideopsCertificate(@TempDir Path elsewhere) throws Exception {
        assertThat(rideops.flinkGet("/overview").path("slots-total").asInt()).isPositive();

        ClientTls local = rideops.flinkTls();
        ClientTls noCertificate = new ClientTls("Flink REST", null, local.truststore(), "none");
        assertThatThrownBy(() -> new RestCalls(rideops.flinkUrl(), "Flink REST", noCertificate).get("/overview"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("did not accept a client without a client certificate");
        // plain http never gets the API's answer: the TLS port hangs up, or answers with an error of its own
        TlsChecks.plainHttpGetsNoAnswer("http://127.0.0.1:" + rideops.flinkPort() + "/overview", null, "slots-total");

        Secrets other = new Secrets(elsewhere);
        FlinkRestCertificates foreign = new FlinkRestCertificates(other, other::getOrCreate);
        foreign.ensure();
        Rideops.Result refused = rideops.withEnv(
                        "RIDEOPS_FLINK_CLIENT_KEYSTORE", foreign.clientStore().toString())
                .withEnv(
                        "RIDEOPS_FLINK_CLIENT_KEYSTORE_PASSWORD",
                        other.read(Secrets.FLINK_REST_CLIENT).orElseThrow())
                .run("job", "status");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("Flink REST at https://127.0.0.1:" + rideops.flinkPort())
                .contains("did not accept the client certificate " + foreign.clientStore())
                .contains("flink.client-keystore");

        Rideops.Result wrongTrust = rideops.run("job", "status", "--set", "flink.truststore-password=wrong");
        assertThat(wrongTrust.code()).isEqualTo(1);
        assertThat(wrongTrust.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("Flink REST: cannot read the truststore " + home.resolve("secrets/flink-rest-truststore.p12"))
                .contains("its password is wrong")
                .contains("flink.truststore-password (RIDEOPS_FLINK_TRUSTSTORE_PASSWORD)");
        for (Rideops.Result r : List.of(refused, wrongTrust)) {
            assertThat(r.err()).doesNotContain("\tat ");
        }

        // rideops's own commands get through (the stack's probe too: the Flink services healthy in the status of
        // noServiceProcessRunsAsRootEachAsItsOwnUserAsStatusShows, one status run of about 7 s for both)
        assertThat(rideops.runOk("job", "status", "--json")
                        .json()
                        .get("running")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(4)
    void aWrongPasswordIsOneLineNamingTheServiceAndTheSettingToFix() throws Exception {
        Rideops.Result reader = rideops.run("verify", "--set", "reader.password=wrong");
        assertThat(reader.code()).isEqualTo(1);
        assertThat(reader.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("cannot connect to the source database rideops_reader@")
                .contains("password authentication failed")
                .contains("set reader.password (RIDEOPS_READER_PASSWORD)");

        Rideops.Result admin = rideops.run("deploy", "--only", "schema", "--set", "postgres.admin-password=wrong");
        assertThat(admin.code()).isEqualTo(1);
        assertThat(admin.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("source database rideops_admin@")
                .contains("postgres.admin-password");

        Rideops.Result connector =
                rideops.run("deploy", "--only", "connector", "--set", "connector.database-password=wrong");
        assertThat(connector.code()).isEqualTo(1);
        assertThat(connector.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("the CDC connector config is invalid")
                .contains("password authentication failed")
                .contains("connector.database-user/-password");

        Rideops.Result job = rideops.run("deploy", "--only", "job", "--set", "reporting.password=wrong");
        assertThat(job.code()).isEqualTo(1);
        assertThat(job.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("the job's role rideops_mart cannot log in")
                .contains("set reporting.password (RIDEOPS_REPORTING_PASSWORD)");
        assertThat(job.err()).as("refused before the running job was stopped").doesNotContain("savepoint");

        Rideops.Result jobKafka = rideops.run("deploy", "--only", "job", "--set", "kafka.job-password=wrong");
        assertThat(jobKafka.code()).isEqualTo(1);
        assertThat(jobKafka.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("the job's Kafka user rideops-job cannot log in")
                .contains("set kafka.job-password (RIDEOPS_KAFKA_JOB_PASSWORD)");
        assertThat(jobKafka.err())
                .as("refused before the running job was stopped")
                .doesNotContain("savepoint");

        Rideops.Result kafka = rideops.run("deploy", "--only", "connector", "--set", "kafka.password=wrong");
        assertThat(kafka.code()).isEqualTo(1);
        assertThat(kafka.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("Kafka at 127.0.0.1:" + rideops.kafkaPort() + " refused the login of user 'rideops'")
                .contains("kafka.password (RIDEOPS_KAFKA_PASSWORD)");
        // connect's user may not describe the dead-letter topic, so deploy would create it and is denied
        Rideops.Result denied = rideops.withEnv("RIDEOPS_KAFKA_USER", "connect")
                .withEnv("RIDEOPS_KAFKA_PASSWORD", secrets.get("kafka-connect"))
                .run("deploy", "--only", "connector");
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("Kafka denied user 'connect' to create the CDC topics (Topic ACL");

        Rideops.Result search = rideops.run("deploy", "--only", "indexes", "--set", "search.password=wrong");
        assertThat(search.code()).isEqualTo(1);
        assertThat(search.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("the search node refused")
                .contains("HTTP 401");
        assertThat(search.err()).contains("check search.password (RIDEOPS_SEARCH_PASSWORD or ELASTIC_PASSWORD)");

        Rideops.Result connect = rideops.run("connector", "status", "--set", "connect.password=wrong");
        assertThat(connect.code()).isEqualTo(1);
        assertThat(connect.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("Kafka Connect refused GET /connectors (HTTP 401)")
                .contains("set connect.user and connect.password (RIDEOPS_CONNECT_PASSWORD)");

        for (Rideops.Result r : List.of(reader, admin, connector, job, jobKafka, kafka, denied, search, connect)) {
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("wrong");
        }
        assertThat(rideops.runOk("deploy", "--only", "connector").err())
                .contains("connector  updated rideops-source, RUNNING");
    }

    /**
     * A login a component refuses is no state to wait out: wait stops at once naming the setting, status says so
     * instead of "unknown", and neither shows a password.
     */
    @Test
    @Order(4)
    void aRefusedLoginIsOneLineNamingTheSettingNeverAStateToWaitOut() throws Exception {
        long began = System.nanoTime();
        Rideops.Result wait =
                rideops.run(90, "wait", "--for", "results", "--timeout", "5m", "--set", "search.reader-password=wrong");
        assertThat(wait.code()).as(wait.err()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - began))
                .as("not the 5 m timeout")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(wait.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("refused")
                .contains("search.reader-password")
                .contains("search-reader");
        assertThat(wait.err()).doesNotContain("no documents").doesNotContain("not ready after");

        Rideops.Result search = rideops.run("status", "--set", "search.reader-password=wrong");
        assertThat(search.code()).isEqualTo(1);
        assertThat(search.out() + search.err())
                .contains("login refused: the search node refused the login of its reader 'rideops_search_reader'")
                .contains("set search.reader-password");

        JsonNode kafka = JSON.readTree(
                rideops.run("status", "--json", "--set", "kafka.password=wrong").out());
        assertThat(kafka.at("/pipeline/refused_logins").toString()).contains("refused the login of user 'rideops'");
        assertThat(kafka.at("/pipeline/problems").toString())
                .contains("kafka.password (RIDEOPS_KAFKA_PASSWORD)")
                .doesNotContain("consumer lag unknown");

        Rideops.Result pipeline =
                rideops.run(90, "wait", "--for", "pipeline", "--timeout", "5m", "--set", "kafka.password=wrong");
        assertThat(pipeline.code()).isEqualTo(1);
        assertThat(pipeline.err().lines().filter(l -> l.startsWith("rideops: ")))
                .last()
                .asString()
                .contains("refused the login of user 'rideops'");

        for (Rideops.Result r : List.of(wait, search, pipeline)) {
            assertThat(r.err() + r.out()).doesNotContain("wrong").doesNotContain("\tat ");
        }
    }

    private void assertNoSecret(String where, String text) {
        secrets.forEach((name, value) ->
                assertThat(text).as("the %s password in %s", name, where).doesNotContain(value));
    }

    private Connection login(int port, String database, String user, String secret) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, secrets.get(secret));
    }

    private static List<String> loginRoles(Connection admin) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolname FROM pg_authid WHERE rolname LIKE 'rideops\\_%'"
                        + " AND rolcanlogin AND rolpassword LIKE 'SCRAM-SHA-256$%' ORDER BY rolname")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** PostgreSQL's insufficient_privilege. */
    private static void assertRefused(Connection c, String sql) {
        assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                })
                .as(sql)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    private static int status(String url, BasicAuth login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (login != null) {
            request.header("Authorization", login.header());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static HttpResponse<String> send(String url, String method, BasicAuth login, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (login != null) {
            request.header("Authorization", login.header());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String url) throws Exception {
        return get(HttpRequest.newBuilder(URI.create(url)), url);
    }

    /** A GET to Connect's REST API, which asks for basic auth. */
    private static String get(String url, BasicAuth login) throws Exception {
        return get(HttpRequest.newBuilder(URI.create(url)).header("Authorization", login.header()), url);
    }

    private static String get(HttpRequest.Builder request, String url) throws Exception {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
