package dev.rideops.stack.services;

import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.LoginRefused;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.secrets.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A Kafka Connect distributed worker with the Debezium PostgreSQL connector on its plugin path, its REST API (over
 * https with {@code security.tls}: {@link ConnectRestTls}) behind basic auth: Kafka's own
 * {@code BasicAuthSecurityRestExtension}, which checks every request (but the internal worker-to-worker task and
 * fencing calls, which Connect signs itself) against the JAAS login context {@value #LOGIN_CONTEXT}, here one user in a
 * 0600 properties file of the worker's conf.
 */
public final class ConnectWorker extends ProcessService {

    static final String DEBEZIUM_POSTGRES = "io.debezium.connector.postgresql.PostgresConnector";
    static final String REST_EXTENSION =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
    /** The JAAS application name the extension's filter logs in with. */
    static final String LOGIN_CONTEXT = "KafkaConnect";

    static final String LOGIN_MODULE = "org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule";
    /** In its secrets directory: the worker's Kafka password, for its {@code file} config provider. */
    static final String KAFKA_PASSWORD_FILE = "kafka-connect.properties";

    private static final String KAFKA_PASSWORD_KEY = "password";

    private final int port;
    private final String bootstrapServers;
    private final int replication;
    private final int heapMb;
    private final String compression;
    private final Path lib;
    private final Path debeziumPluginPath;
    private final Path secretsDir;
    private final Supplier<BasicAuth> login;
    /** null: the brokers are anonymous (a test's own); set once, before the worker starts. */
    private KafkaLogin kafkaLogin;
    /** null: no JMX exporter agent; set once, before the worker starts. */
    private JmxAgent jmx;
    /** null: the REST API speaks plain http; set once, before the worker starts. */
    private ConnectRestTls restTls;
    /** null: no Avro converter plugin (JSON change events); set once, before the worker starts. */
    private Path avroConverterPluginPath;

    /**
     * Who the worker (its own clients, and its connectors' producers, consumers and admins) logs in to Kafka as. The
     * password is written to a properties file in the secrets directory and referred to through the worker's
     * {@code file} config provider, so no config file of the service holds it and Connect logs only the reference.
     *
     * @param tlsCa with {@code security.tls}: the brokers take SASL_SSL, verified against this CA certificate (PEM)
     */
    public record KafkaLogin(String mechanism, String user, Supplier<String> password, Optional<Path> tlsCa) {

        /** Over SASL_PLAINTEXT. */
        public KafkaLogin(String mechanism, String user, Supplier<String> password) {
            this(mechanism, user, password, Optional.empty());
        }
    }

    /**
     * @param compression the codec the connector's producer sends batches in: the one the brokers store
     * @param secretsDir the only directory the worker's {@code file} config provider may read ({@link #secrets()}):
     *     connectors refer to their passwords there as {@code ${file:<path>:<key>}}, so Connect's REST API never
     *     returns them
     * @param login the one login its REST API accepts, looked up when the worker starts and when it is probed
     */
    public ConnectWorker(
            ServiceDirs dirs,
            int port,
            String bootstrapServers,
            int replication,
            int heapMb,
            String compression,
            Path lib,
            Path debeziumPluginPath,
            Path secretsDir,
            Supplier<BasicAuth> login,
            LogRotation logRotation) {
        super("connect", dirs, port, Duration.ofSeconds(120), logRotation);
        this.secretsDir = secretsDir;
        this.login = login;
        this.port = port;
        this.bootstrapServers = bootstrapServers;
        this.replication = replication;
        this.heapMb = heapMb;
        this.compression = compression;
        this.lib = lib;
        this.debeziumPluginPath = debeziumPluginPath;
    }

    /** Who the worker logs in to Kafka as (the local stack's brokers take no anonymous client). */
    public ConnectWorker withKafkaLogin(KafkaLogin login) {
        this.kafkaLogin = login;
        return this;
    }

    /** Serves the REST API over https only ({@code security.tls}). */
    public ConnectWorker withRestTls(ConnectRestTls tls) {
        this.restTls = tls;
        return this;
    }

    /**
     * Puts Apicurio's Avro converter on the plugin path, a plugin of its own beside Debezium's (its Avro and Jackson
     * stay out of the connector's class loader), so a connector configured with {@code cdc.format: avro} can name it.
     */
    public ConnectWorker withAvroConverter(Path pluginPath) {
        this.avroConverterPluginPath = pluginPath;
        return this;
    }

    /** Runs the JMX exporter agent in the worker's JVM: the worker's, its tasks' and Debezium's MBeans. */
    public ConnectWorker withJmxAgent(JmxAgent agent) {
        this.jmx = agent;
        return this;
    }

    /**
     * The worker's own secret files: its Kafka password and the connector's (which deploy writes), read by its
     * {@code file} config provider; as root they belong to its user, who can read no other service's.
     */
    public Secrets secrets() {
        return Secrets.ofService(secretsDir, user());
    }

    /** Where {@link #secrets()} live: a directory of the worker's conf. */
    public static Path secretsDir(ServiceDirs dirs) {
        return dirs.conf().resolve("secrets");
    }

    private Path workerProperties() {
        return dirs.conf().resolve("connect-distributed.properties");
    }

    /** The REST API's users, {@code user=password}: in the clear, as the login module compares them, so 0600. */
    Path restUsers() {
        return dirs.conf().resolve("rest-users.properties");
    }

    /** The JAAS file naming {@link #restUsers()}: the JVM reads it once, at start (a path, no secret). */
    Path restJaas() {
        return dirs.conf().resolve("rest-jaas.conf");
    }

    @Override
    protected void prepare() throws IOException {
        if (kafkaLogin != null) {
            Properties secret = new Properties();
            secret.setProperty(KAFKA_PASSWORD_KEY, kafkaLogin.password().get());
            java.io.StringWriter text = new java.io.StringWriter();
            secret.store(text, "the Connect worker's Kafka password, read by its file config provider");
            secrets().storeFile(KAFKA_PASSWORD_FILE, text.toString());
        }
        if (restTls != null) {
            restTls.writeStores(secrets());
        }
        PropertiesFile.write(workerProperties(), properties());
        writeRestLogin();
        if (jmx != null) {
            ownByServiceUser(jmx.writeConfig(dirs.conf()));
        }
        Log4j2Config.write(dirs.conf(), dirs.log(), logRotation, "org.reflections", "org.apache.kafka.clients");
    }

    /**
     * Written on every start, so a changed {@code connect.password} takes effect on the next: the login module reads
     * the file once per JVM. Never empty: the module lets everyone in when it holds no user.
     */
    void writeRestLogin() throws IOException {
        BasicAuth auth = login.get();
        Properties users = new Properties();
        users.setProperty(auth.user(), auth.password());
        // the module loads it from an InputStream (ISO-8859-1): stored so, every other character escaped
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        users.store(text, "the login of this worker's REST API, written by rideops on every start");
        Secrets.writeOwnerOnly(restUsers(), text.toString(StandardCharsets.ISO_8859_1));
        ownByServiceUser(restUsers());
        String path = restUsers().toAbsolutePath().toString();
        if (path.contains("\"") || path.contains("\\")) {
            throw new IOException("cannot name " + path + " in a JAAS file: move $RIDEOPS_HOME to a path without"
                    + " quotes or backslashes");
        }
        Files.writeString(
                restJaas(), LOGIN_CONTEXT + " {\n  " + LOGIN_MODULE + " required\n  file=\"" + path + "\";\n};\n");
    }

    /** The worker's connect-distributed.properties, as written on every start. */
    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "rideops-connect");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("key.converter.schemas.enable", false);
        p.put("value.converter.schemas.enable", false);
        p.put("offset.storage.topic", "rideops-connect-offsets");
        p.put("config.storage.topic", "rideops-connect-configs");
        p.put("status.storage.topic", "rideops-connect-status");
        p.put("offset.storage.replication.factor", replication);
        p.put("config.storage.replication.factor", replication);
        p.put("status.storage.replication.factor", replication);
        p.put("offset.flush.interval.ms", 1000);
        // The stack runs one worker. When it loses the group's coordinator for a few seconds (a broker paused), it
        // rejoins as a new member, and as the group's leader it then waits this long for the "departed" member (its
        // own old self) to come back before it assigns the connector again: 5 minutes by default, which left CDC
        // stopped 5 minutes after a 20 s pause of the one broker (chaos suite, 2026-11-30). No other worker can
        // return, so it assigns at once.
        p.put("scheduled.rebalance.max.delay.ms", 0);
        p.put("listeners", endpoint());
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", port);
        if (restTls != null) {
            p.put("rest.advertised.listener", "https");
            p.putAll(restTls.properties(secretsDir));
        }
        p.put(
                "plugin.path",
                avroConverterPluginPath == null
                        ? debeziumPluginPath.toString()
                        : debeziumPluginPath + "," + avroConverterPluginPath);
        p.put("plugin.discovery", "service_load");
        // A dead partition leader stalls the worker for default.api.timeout.ms (60 s by default). With one broker of
        // three SIGKILLed, the controller moved its leaders after 4.4 s, but the worker's read of its offsets topic
        // to the end waited out a 15 s default.api.timeout.ms and the CDC records waited behind it: results stalled
        // 15-19 s. At 6 s they stalled 5-7 s, for a SIGSTOPped broker too. One broker has no leader to move to, so
        // there the longer timeouts only spare retries.
        boolean failover = replication > 1;
        int requestTimeoutMs = failover ? 5000 : 10000;
        int apiTimeoutMs = failover ? 6000 : 15000;
        p.put("request.timeout.ms", requestTimeoutMs);
        p.put("default.api.timeout.ms", apiTimeoutMs);
        p.put("producer.request.timeout.ms", requestTimeoutMs);
        // Fewer, larger batches: at 5,000 changes/s a 5 ms linger allows up to ~200 produce requests a second with
        // ~7 KB per partition, each handled by the broker's network and request threads (over half of Kafka's CPU in
        // the profile) and compressed by Connect as its own lz4 frame. 20 ms makes them a quarter as many and about
        // four
        // times as large (~30 KB a partition at 5,000/s, 64 KB leaves room for 10,000/s before a batch closes on
        // size); a change waits up to 20 ms for its batch instead of 5.
        p.put("producer.linger.ms", 20);
        p.put("producer.batch.size", 65536);
        // Compressed by the producer in the brokers' own codec, batches are stored as they come; otherwise the
        // broker would compress every batch itself.
        p.put("producer.compression.type", compression);
        p.put("consumer.request.timeout.ms", requestTimeoutMs);
        p.put("consumer.default.api.timeout.ms", apiTimeoutMs);
        p.put("config.providers", "file");
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        p.put("config.providers.file.param.allowed.paths", secretsDir);
        if (kafkaLogin != null) {
            // the password as the file provider's reference: the worker resolves it, the file never holds it
            KafkaAccess access = new KafkaAccess(
                    bootstrapServers,
                    kafkaLogin.tlsCa().isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT",
                    kafkaLogin.mechanism(),
                    kafkaLogin.user(),
                    "${file:" + secretsDir.resolve(KAFKA_PASSWORD_FILE) + ":" + KAFKA_PASSWORD_KEY + "}",
                    kafkaLogin.tlsCa().map(Path::toString).orElse(""));
            // the worker's own clients, then its connectors' (Connect gives them only their prefixed settings)
            for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
                access.securityProperties().forEach((key, value) -> p.put(prefix + key, value));
            }
        }
        // basic auth on the REST API, checked against restUsers() (the JVM gets restJaas())
        p.put("rest.extension.classes", REST_EXTENSION);
        return p;
    }

    @Override
    protected List<String> command() throws IOException {
        return JavaCommand.of("org.apache.kafka.connect.cli.ConnectDistributed")
                .heapMb(heapMb)
                .jvm(jmx == null ? List.of() : List.of(jmx.jvmOption(dirs.conf())))
                .jarsIn(lib)
                .property("log4j2.configurationFile", dirs.conf().resolve("log4j2.properties"))
                .property("java.security.auth.login.config", restJaas())
                .args(workerProperties().toString())
                .build();
    }

    @Override
    public String probe() {
        try {
            String plugins = new RestCalls(
                            endpoint(), name(), login.get(), restTls == null ? null : restTls.clientTls())
                    .probe("/connector-plugins");
            return plugins.contains(DEBEZIUM_POSTGRES) ? null : "Debezium PostgreSQL connector not on plugin path";
        } catch (IOException e) {
            String problem = String.valueOf(e.getMessage());
            // the worker keeps the login it started with: connect.password was changed since
            return problem.startsWith("HTTP 401")
                    ? LoginRefused.problem(problem + " (it keeps the login it started with; 'rideops restart connect' "
                            + "gives it connect.password's)")
                    : problem;
        }
    }

    @Override
    public String endpoint() {
        return restTls == null ? httpEndpoint() : httpsEndpoint();
    }
}
