package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the real {@code ./rideops} launcher as a separate process with its own {@code RIDEOPS_HOME} and a block of
 * free ports, the way a user on a busy machine would.
 */
public final class Rideops {

    static final Path DIST =
            Path.of(System.getProperty("rideops.dist", "..")).toAbsolutePath().normalize();
    /**
     * Ten for the services, three for monitoring, Flink's metrics ports for up to six TaskManagers, the dashboard,
     * six for the brokers' proxied listener when a test asks for it ({@link #kafkaProxyPort()}), five for the JMX
     * exporter agents ({@link #jmxPort()}), and the schema registry's two for a stack with {@code cdc.format avro}
     * ({@link #registryPort()}).
     */
    private static final int PORTS = 33;

    private final Path home;
    private final int base;
    private final Map<String, String> env = new HashMap<>();
    /** How clients reach the stack with TLS, read once from 'env' (a home's TLS stays as its up set it). */
    private final AtomicReference<StackAccess> tlsAccess;

    public record Result(int code, String out, String err) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    public Rideops(Path home) {
        this.home = home;
        this.base = freePortBlock();
        this.tlsAccess = new AtomicReference<>();
        env.put("RIDEOPS_HOME", home.toString());
        env.put("RIDEOPS_NO_BUILD", "1");
        env.put("RIDEOPS_SOURCE_PORT", Integer.toString(sourcePort()));
        env.put("RIDEOPS_REPORTING_PORT", Integer.toString(reportingPort()));
        env.put("RIDEOPS_KAFKA_PORT", Integer.toString(kafkaPort()));
        env.put("RIDEOPS_KAFKA_CONTROLLER_PORT", Integer.toString(base + 3));
        env.put("RIDEOPS_CONNECT_PORT", Integer.toString(connectPort()));
        env.put("RIDEOPS_FLINK_PORT", Integer.toString(flinkPort()));
        env.put("RIDEOPS_FLINK_RPC_PORT", Integer.toString(base + 6));
        env.put("RIDEOPS_FLINK_BLOB_PORT", Integer.toString(base + 7));
        env.put("RIDEOPS_SEARCH_PORT", Integer.toString(searchPort()));
        env.put("RIDEOPS_SEARCH_TRANSPORT_PORT", Integer.toString(base + 9));
        env.put("RIDEOPS_MONITORING_PROMETHEUS_PORT", Integer.toString(prometheusPort()));
        env.put("RIDEOPS_MONITORING_ALERTMANAGER_PORT", Integer.toString(alertmanagerPort()));
        env.put("RIDEOPS_MONITORING_EXPORTER_PORT", Integer.toString(exporterPort()));
        env.put("RIDEOPS_FLINK_METRICS_PORT", Integer.toString(flinkMetricsPort()));
        env.put("RIDEOPS_DASHBOARD_PORT", Integer.toString(dashboardPort()));
        env.put("RIDEOPS_MONITORING_JMX_PORT", Integer.toString(jmxPort()));
        env.put("RIDEOPS_REGISTRY_PORT", Integer.toString(registryPort()));
        env.put("RIDEOPS_REGISTRY_MANAGEMENT_PORT", Integer.toString(registryPort() + 1));
        env.put("RIDEOPS_KAFKA_BROKERS", "1");
    }

    private Rideops(Rideops other) {
        this.home = other.home;
        this.base = other.base;
        this.env.putAll(other.env);
        this.tlsAccess = other.tlsAccess;
    }

    public Rideops env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /**
     * The same home and ports with one setting changed, leaving this one as it is: for a class that points a shared
     * stack's commands at something of its own (e.g. {@code RIDEOPS_SOURCE_PORT}) without changing them for others.
     */
    public Rideops withEnv(String key, String value) {
        return new Rideops(this).env(key, value);
    }

    public int sourcePort() {
        return base;
    }

    public int reportingPort() {
        return base + 1;
    }

    public int kafkaPort() {
        return base + 2;
    }

    public int connectPort() {
        return base + 4;
    }

    public int flinkPort() {
        return base + 5;
    }

    public int searchPort() {
        return base + 8;
    }

    public int prometheusPort() {
        return base + 10;
    }

    public int alertmanagerPort() {
        return base + 11;
    }

    public int exporterPort() {
        return base + 12;
    }

    /** The first of Flink's metrics ports: the JobManager and each TaskManager take one from here on. */
    public int flinkMetricsPort() {
        return base + 13;
    }

    /** The dashboard, after Flink's metrics ports (they count up from {@link #flinkMetricsPort()}). */
    public int dashboardPort() {
        return base + 19;
    }

    /**
     * A port for {@code kafka.proxy-port} (set it with {@link #env}): the brokers advertise this and the next two,
     * and bind the three after them, the last of the block.
     */
    public int kafkaProxyPort() {
        return base + 20;
    }

    /**
     * The first JMX exporter agent's port: the brokers take this and the next two (whatever their count), Connect
     * {@code + 3}, the search node {@code + 4}; after the proxied listeners, the last five of the block.
     */
    public int jmxPort() {
        return base + 26;
    }

    /** The schema registry's REST API; its management interface takes the next, the last of the block. */
    public int registryPort() {
        return base + 31;
    }

    public Path home() {
        return home;
    }

    /** The local clusters' superuser, as rideops made it: its password is the home's generated secret. */
    public static final String ADMIN = "rideops_admin";

    public String adminPassword() {
        return new Secrets(home).getOrCreate(Secrets.POSTGRES_ADMIN);
    }

    /** A connection as the superuser, for checks and for injecting faults rideops's own roles may not make. */
    public Connection admin(int port, String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(port, database), ADMIN, adminPassword());
    }

    /** A local database's URL as rideops's clients reach it: verifying its TLS against the CA, with TLS on. */
    public String jdbcUrl(int port, String database) {
        return access().postgres().jdbcUrl("127.0.0.1", port, database);
    }

    /**
     * How the test's own clients reach the servers: plain, or with the URLs and CAs {@code rideops env} gives for
     * a stack its stack.json says serves TLS (read once, after the first {@code up --tls}).
     */
    StackAccess access() {
        if (!StackAccess.tlsOn(home)) {
            return new StackAccess(this, null);
        }
        synchronized (tlsAccess) {
            if (tlsAccess.get() == null) {
                tlsAccess.set(new StackAccess(this, runOk("env", "--json").json()));
            }
            return tlsAccess.get();
        }
    }

    /** Connect's REST API as {@code env} says ({@code CONNECT_URL}: https with TLS). */
    public String connectUrl() {
        return access().connectUrl();
    }

    /** The search node as {@code env} says ({@code SEARCH_URL}: https with TLS). */
    public String searchUrl() {
        return access().searchUrl();
    }

    /** A client of Connect's REST API: with TLS, trusting the CA {@code env} names ({@code CONNECT_SSL_CA}) alone. */
    public HttpClient connectHttp() {
        return access().connectHttp();
    }

    /** A client of the search node: with TLS, trusting the CA {@code env} names ({@code SEARCH_SSL_CA}) alone. */
    public HttpClient searchHttp() {
        return access().searchHttp();
    }

    /** The read-only role rideops makes on 'deploy' (and 'generate'), as verify, the dashboard and users' psql log in. */
    public static final String READER = "rideops_reader";

    /** A connection as the read-only role, for checks that only read, as a user's psql session would. */
    public Connection reader(int port, String database) throws SQLException {
        String password = new Secrets(home)
                .read(Secrets.READER)
                .orElseThrow(() -> new IllegalStateException("no reader secret in " + home + " yet"));
        return DriverManager.getConnection(jdbcUrl(port, database), READER, password);
    }

    /** The dashboard's login, its password as 'up' generated it (user dashboard.user's default). */
    public BasicAuth dashboardLogin() {
        return new BasicAuth("rideops", generated(Secrets.DASHBOARD));
    }

    /** What Prometheus sends to the exporter, its password as 'up' generated it. */
    public BasicAuth exporterLogin() {
        return new BasicAuth("prometheus", generated(Secrets.EXPORTER));
    }

    /** What Prometheus sends to the JMX exporter agents (monitoring.jmx-user's default), as 'up' generated it. */
    public BasicAuth jmxLogin() {
        return new BasicAuth("prometheus", generated(Secrets.JMX_EXPORTER));
    }

    /** The search node's admin ({@code elastic}), its password as 'up' generated it: for checks that write. */
    public BasicAuth searchAdmin() {
        return new BasicAuth("elastic", generated(Secrets.SEARCH_ADMIN));
    }

    /** The search node's read-only user, its password as 'up' generated it: for checks that only read. */
    public BasicAuth searchReader() {
        return new BasicAuth("rideops_search_reader", generated(Secrets.SEARCH_READER));
    }

    /** The job's search user (writes its own indexes only), its password as 'up' generated it. */
    public BasicAuth searchWriter() {
        return new BasicAuth("rideops_search_writer", generated(Secrets.SEARCH_WRITER));
    }

    /** The job's schema registry login (registry.job-user's default), which may only read schemas. */
    public BasicAuth registryReader() {
        return new BasicAuth("registry-job", generated(Secrets.REGISTRY_JOB));
    }

    /** What Connect's REST API asks for (connect.user's default), its password as 'up' generated it. */
    public BasicAuth connectLogin() {
        return new BasicAuth("rideops", generated(Secrets.CONNECT));
    }

    private String generated(String secret) {
        return new Secrets(home)
                .read(secret)
                .orElseThrow(() -> new IllegalStateException("no " + secret + " secret in " + home + " yet"));
    }

    /** Flink's REST API: https only, the local cluster asks every client for a certificate of the home's CA. */
    public String flinkUrl() {
        return "https://127.0.0.1:" + flinkPort();
    }

    /** rideops's client certificate and the local CA, as 'up' issued them, through the stack's own builder. */
    public ClientTls flinkTls() {
        return new FlinkRestCertificates(new Secrets(home), this::generated).clientTls();
    }

    /** The Flink cluster as rideops reaches it (mutual TLS). */
    public FlinkJob flink() {
        return new FlinkJob(flinkUrl(), flinkTls());
    }

    /** A GET of Flink's REST API with rideops's client certificate: the answer of a 200, else a ClientException. */
    public JsonNode flinkGet(String path) {
        return new RestCalls(flinkUrl(), "Flink", flinkTls()).get(path);
    }

    /** Kafka as rideops's own user ({@code kafka.user}), through the one builder every rideops command uses. */
    public KafkaAccess kafka() {
        return kafkaAs("rideops", Secrets.KAFKA_RIDEOPS);
    }

    /** Kafka as the brokers' admin, the one super user: for what no other user may do (broker configs, probes). */
    public KafkaAccess kafkaAdmin() {
        return kafkaAs("admin", Secrets.KAFKA_ADMIN);
    }

    /** Kafka as one of the stack's users, with its generated password: over SASL_SSL with TLS, as env says. */
    public KafkaAccess kafkaAs(String user, String secret) {
        StackAccess access = access();
        return new KafkaAccess(
                "127.0.0.1:" + kafkaPort(),
                access.kafkaSecurityProtocol(),
                "SCRAM-SHA-512",
                user,
                generated(secret),
                access.kafkaSslCa());
    }

    public Result run(String... args) {
        return run(600, args);
    }

    public Result run(int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("rideops").toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(home);
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            long started = System.nanoTime();
            Process p = pb.start();
            boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            // where a run's time goes, in the build log: the test run must stay well under 30 minutes
            System.out.printf(
                    "[it] %6.1f s  exit %s  rideops %s%n",
                    (System.nanoTime() - started) / 1e9, finished ? Integer.toString(p.exitValue()) : "-", shown(args));
            if (!finished) {
                p.destroyForcibly();
                throw new AssertionError("rideops " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                        + "s; stderr: " + Files.readString(err));
            }
            Result r = new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The arguments as a log line may show them: a value set for a password or secret is masked. */
    static String shown(String... args) {
        List<String> shown = new ArrayList<>();
        for (String arg : args) {
            shown.add(arg.matches("(?i)[^=]*(password|secret)[^=]*=.*") ? arg.replaceFirst("=.*", "=***") : arg);
        }
        return String.join(" ", shown);
    }

    public Result runOk(String... args) {
        Result r = run(args);
        assertThat(r.code())
                .as("rideops %s failed:%n%s%n%s", String.join(" ", args), r.err(), r.out())
                .isZero();
        return r;
    }

    /**
     * The stack's status report, for tests about its services rather than its health: status exits 1 when the pipeline
     * is a moment behind (a snapshot 30.6 s old on a loaded CI machine), which must not fail a test about users or
     * retained files. Any other exit still fails.
     */
    public JsonNode statusJson() {
        Result r = run("status", "--json");
        assertThat(r.code())
                .as("rideops status --json failed:%n%s%n%s", r.err(), r.out())
                .isIn(0, 1);
        return r.json();
    }

    /** Random blocks below the ephemeral range, checked free; retried on a clash. */
    private static int freePortBlock() {
        Random random = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = 20000 + random.nextInt(12000 / PORTS) * PORTS;
            if (allFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free block of " + PORTS + " ports between 20000 and 32000");
    }

    private static boolean allFree(int from) {
        for (int port = from; port < from + PORTS; port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
