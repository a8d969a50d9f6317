package dev.rideops.stack.services;

import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.kafka.KafkaUsers;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * One Kafka node in KRaft combined mode (broker and controller). With three nodes every internal topic is
 * replicated three times with min.insync.replicas 2, as in the original three-broker setup.
 *
 * <p>With a {@link Security} nothing is anonymous: the client listener (and the proxied one) take SASL with SCRAM,
 * inter-broker traffic logs in there as the admin, and the controller listener takes SASL/PLAIN (a KRaft controller
 * cannot check SCRAM: the credentials live in the metadata it serves) with the admin's password from a static JAAS
 * file. That file is in the broker's conf (0600, readable by its user only), named on the command line by its path only; the admin's
 * SCRAM credential is written into the metadata when the storage is formatted, before the first start. KRaft's
 * {@code StandardAuthorizer} denies what no ACL allows, and only the admin is a super user ({@code KafkaUsers}
 * grants the others theirs once the brokers run).
 *
 * <p>With {@code security.tls} ({@link Security#tls}) the client and proxied listeners take SASL_SSL instead
 * ({@link KafkaServerTls}); the controller listener stays SASL_PLAINTEXT on 127.0.0.1.
 */
public final class KafkaBroker extends ProcessService {

    /** The listener every client and inter-broker traffic use. */
    static final String CLIENT = "CLIENT";

    private static final String CONTROLLER = "CONTROLLER";
    private static final String PROXIED = "PROXIED";
    /** The broker's JAAS file, in its conf (0600, its user's): the admin's password. */
    static final String JAAS_FILE = "kafka-server.jaas";

    /**
     * How the brokers authenticate: clients with {@code mechanism} (SCRAM-SHA-512 or -256), as users the admin sets
     * up; the admin (the brokers' own principal) by its password, looked up when the broker starts.
     *
     * @param tls with {@code security.tls}: the client listeners' TLS
     */
    public record Security(
            String mechanism,
            String adminUser,
            Supplier<String> adminPassword,
            Secrets secrets,
            Optional<KafkaServerTls> tls) {

        public Security {
            if (!mechanism.startsWith("SCRAM-")) {
                throw new IllegalArgumentException("the brokers take SCRAM on the client listener, not " + mechanism);
            }
        }

        /** Without TLS. */
        public Security(String mechanism, String adminUser, Supplier<String> adminPassword, Secrets secrets) {
            this(mechanism, adminUser, adminPassword, secrets, Optional.empty());
        }

        /** What the client listeners speak: SASL_SSL with TLS, else SASL_PLAINTEXT. */
        public String protocol() {
            return tls.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
        }

        /** The brokers as their admin: the stack's health probe and the set-up of users and ACLs log in so. */
        public KafkaAccess admin(String bootstrapServers) {
            return new KafkaAccess(
                    bootstrapServers,
                    protocol(),
                    mechanism,
                    adminUser,
                    adminPassword.get(),
                    tls.map(t -> t.caCertificate().toString()).orElse(""));
        }
    }

    private final int index;
    private final int brokers;
    private final int port;
    private final int controllerPort;
    private final int firstControllerPort;
    private final int heapMb;
    private final KafkaRetention retention;
    private final Map<String, String> nativeProperties;
    private final Path lib;
    private final Path clusterIdFile;
    private final int proxyPort;
    private final Security security;
    /** null: no JMX exporter agent (a test's own broker); set once, before the broker starts. */
    private JmxAgent jmx;

    /**
     * @param index 0-based node index; the node id is index + 1 and ports follow the first node's
     * @param nativeProperties the user's own broker properties ({@code kafka.properties}), written last so they win
     * @param clusterIdFile shared by all nodes of the cluster, written on first start
     * @param firstProxyPort 0, or the port the first broker advertises on its PROXIED listener (where chaos's fault
     *     proxy listens; see {@link dev.rideops.stack.StackSpec.Kafka#proxiedListenerPort})
     * @param security how clients, brokers and controllers log in; null: anonymous, PLAINTEXT everywhere (only for
     *     tests that start a broker of their own: the stack's brokers always have one)
     */
    public KafkaBroker(
            ServiceDirs dirs,
            int index,
            int brokers,
            int firstPort,
            int firstControllerPort,
            int heapMb,
            KafkaRetention retention,
            Map<String, String> nativeProperties,
            Path lib,
            Path clusterIdFile,
            LogRotation logRotation,
            int firstProxyPort,
            Security security) {
        super("kafka-" + (index + 1), dirs, firstPort + index, Duration.ofSeconds(120), logRotation);
        this.index = index;
        this.brokers = brokers;
        this.port = firstPort + index;
        this.controllerPort = firstControllerPort + index;
        this.heapMb = heapMb;
        this.retention = retention;
        this.nativeProperties = new java.util.LinkedHashMap<>(nativeProperties);
        this.lib = lib;
        this.clusterIdFile = clusterIdFile;
        this.firstControllerPort = firstControllerPort;
        this.proxyPort = firstProxyPort;
        this.security = security;
    }

    /** Runs the JMX exporter agent in the broker's JVM (the stack's brokers always do). */
    public KafkaBroker withJmxAgent(JmxAgent agent) {
        this.jmx = agent;
        return this;
    }

    private int nodeId() {
        return index + 1;
    }

    Path jaasFile() {
        return dirs.conf().resolve(JAAS_FILE);
    }

    private Path serverProperties() {
        return dirs.conf().resolve("server.properties");
    }

    @Override
    protected void prepare() throws IOException {
        if (security != null) {
            // each broker's own copy, its user's alone: the home's secrets directory is rideops's
            Secrets.writeOwnerOnly(
                    jaasFile(),
                    jaas(security.adminUser(), security.adminPassword().get()));
            ownByServiceUser(jaasFile());
            if (security.tls().isPresent()) {
                ownByServiceUser(security.tls().get().writeKeyStore(dirs.conf()));
            }
        }
        PropertiesFile.write(serverProperties(), properties());
        if (jmx != null) {
            ownByServiceUser(jmx.writeConfig(dirs.conf()));
        }
        Log4j2Config.write(
                dirs.conf(),
                dirs.log(),
                logRotation,
                "kafka.server.metadata",
                "org.apache.kafka.controller",
                "kafka.log",
                "org.apache.kafka.storage");

        if (!Files.isRegularFile(dirs.data().resolve("meta.properties"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // the storage tool runs as root and writes into the broker user's data: no link may redirect it
            dev.rideops.stack.os.PrivateDirs.requireNoLinkIn(dirs.data());
            format();
        }
    }

    /** The node's server.properties, as written on every start. */
    Map<String, Object> properties() {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            voters.add((i + 1) + "@127.0.0.1:" + (firstControllerPort + i));
        }
        int replication = brokers;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", nodeId());
        p.put("controller.quorum.voters", String.join(",", voters));
        String client = security == null ? "PLAINTEXT" : CLIENT;
        String protocol = security == null ? "PLAINTEXT" : security.protocol();
        String controllerProtocol = security == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        String listeners = client + "://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort;
        String advertised = client + "://127.0.0.1:" + port;
        String protocols = client + ":" + protocol + "," + CONTROLLER + ":" + controllerProtocol;
        if (proxyPort > 0) {
            // A client that bootstraps through the proxy is told the proxies' addresses, so every connection it
            // makes to any broker passes the proxy; brokers and other clients keep the client listener.
            listeners += "," + PROXIED + "://127.0.0.1:" + StackSpec.Kafka.proxiedListenerPort(proxyPort, index);
            advertised += "," + PROXIED + "://127.0.0.1:" + (proxyPort + index);
            protocols += "," + PROXIED + ":" + protocol;
        }
        p.put("listeners", listeners);
        p.put("advertised.listeners", advertised);
        p.put("listener.security.protocol.map", protocols);
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", client);
        if (security != null) {
            // SCRAM for clients and brokers; PLAIN (the JAAS file's users) where controllers are reached
            p.put("sasl.enabled.mechanisms", security.mechanism());
            p.put("sasl.mechanism.inter.broker.protocol", security.mechanism());
            p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            p.put("sasl.mechanism.controller.protocol", "PLAIN");
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("allow.everyone.if.no.acl.found", false);
            p.put("super.users", KafkaUsers.principal(security.adminUser()));
            security.tls().ifPresent(tls -> p.putAll(tls.properties(dirs.conf())));
        }
        p.put("log.dirs", dirs.data());
        p.put("num.partitions", 3);
        p.put("default.replication.factor", replication);
        p.put("min.insync.replicas", brokers == 3 ? 2 : 1);
        p.put("offsets.topic.replication.factor", replication);
        p.put("transaction.state.log.replication.factor", replication);
        p.put("transaction.state.log.min.isr", brokers == 3 ? 2 : 1);
        p.put("share.coordinator.state.topic.replication.factor", replication);
        p.put("share.coordinator.state.topic.min.isr", brokers == 3 ? 2 : 1);
        p.put("group.initial.rebalance.delay.ms", 0);
        if (brokers == 3) {
            // How long a dead or stalled node keeps leading its partitions: the controller moves leadership (and
            // drops the node from every ISR) only when it fences it, after broker.session.timeout.ms (9 s by
            // default) without a heartbeat. Heartbeats every second and a 5 s session cut that floor nearly in half.
            // A follower that is alive but does not fetch (a slow link) holds acks=all writes until it drops out
            // of the ISR after replica.lag.time.max.ms (30 s by default). Native kafka.properties still win.
            p.put("broker.heartbeat.interval.ms", 1000);
            p.put("broker.session.timeout.ms", 5000);
            p.put("replica.lag.time.max.ms", 10000);
        }
        p.put("auto.create.topics.enable", true);
        p.putAll(retention.brokerProperties());
        p.putAll(nativeProperties);
        return p;
    }

    /**
     * Formats the storage; with security, the admin's SCRAM credential goes into the first metadata, so brokers can
     * log in to each other before anyone could create a user. The tool's arguments then hold the password: they are
     * read from an argument file in the secrets directory (java's {@code @file}, expanded inside the JVM, so the
     * process list shows only the file's name), deleted once the tool ran.
     */
    private void format() throws IOException {
        List<String> args = new ArrayList<>(
                List.of("format", "-t", clusterId(), "-c", serverProperties().toString()));
        if (security == null) {
            runHelper(formatter().args(args).build(), Duration.ofSeconds(60), "formatting Kafka storage");
            return;
        }
        args.addAll(List.of("--add-scram", scramArgument(security)));
        List<String> lines = new ArrayList<>(List.of("kafka.tools.StorageTool"));
        args.forEach(a -> lines.add(argFileQuoted(a)));
        Path argFile = security.secrets().storeFile(".format-" + name(), String.join("\n", lines) + "\n");
        try {
            List<String> command = new ArrayList<>(formatter().build());
            // the main class and its arguments come from the file
            command.remove(command.size() - 1);
            command.add("@" + argFile);
            runHelper(command, Duration.ofSeconds(60), "formatting Kafka storage");
        } finally {
            Files.deleteIfExists(argFile);
        }
    }

    private JavaCommand formatter() {
        return JavaCommand.of("kafka.tools.StorageTool")
                .heapMb(128)
                .jarsIn(lib)
                .property("log4j2.configurationFile", dirs.conf().resolve("log4j2.properties"));
    }

    /** The storage tool's {@code --add-scram} value; it splits on commas and brackets, so none may be in it. */
    static String scramArgument(Security security) {
        String password = security.adminPassword().get();
        if (password.matches(".*[,\\[\\]\"\\s\\\\].*") || security.adminUser().matches(".*[,\\[\\]=\"\\s].*")) {
            throw new IllegalArgumentException(
                    "the Kafka admin's user and password may not hold commas, brackets, quotes, backslashes or spaces");
        }
        return security.mechanism() + "=[name=" + security.adminUser() + ",password=" + password + "]";
    }

    /** One argument in a java {@code @file}: quoted, so nothing in it is split or expanded. */
    private static String argFileQuoted(String arg) {
        return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The brokers' JAAS file: the client listeners (and inter-broker logins) take SCRAM, and the brokers log in as
     * the admin; the controller listener takes PLAIN with the admin as its one user, which the brokers and the other
     * controllers log in as.
     */
    static String jaas(String adminUser, String adminPassword) {
        String user = KafkaAccess.quoted(adminUser);
        String password = KafkaAccess.quoted(adminPassword);
        return "KafkaServer {\n  " + KafkaAccess.loginModule("SCRAM-SHA-512") + " required\n    username=" + user
                + "\n    password=" + password + ";\n};\n"
                + "controller.KafkaServer {\n  " + KafkaAccess.loginModule("PLAIN") + " required\n    username=" + user
                + "\n    password=" + password + "\n    user_" + adminUser + "=" + password + ";\n};\n";
    }

    private synchronized String clusterId() throws IOException {
        if (Files.isRegularFile(clusterIdFile)) {
            return Files.readString(clusterIdFile).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.createDirectories(clusterIdFile.getParent());
        Files.writeString(clusterIdFile, id + "\n");
        return id;
    }

    @Override
    protected List<String> command() throws IOException {
        JavaCommand command = JavaCommand.of("kafka.Kafka")
                .heapMb(heapMb)
                .jarsIn(lib)
                .property("log4j2.configurationFile", dirs.conf().resolve("log4j2.properties"))
                .property("kafka.logs.dir", dirs.root());
        if (jmx != null) {
            command.jvm(jmx.jvmOption(dirs.conf()));
        }
        if (security != null) {
            command.property("java.security.auth.login.config", jaasFile());
        }
        return command.args(serverProperties().toString()).build();
    }

    @Override
    public String probe() {
        if (!Ports.accepting(port)) {
            return "not listening on " + port + " yet";
        }
        String bootstrap = "127.0.0.1:" + port;
        Properties props = security == null
                ? KafkaAccess.plaintext(bootstrap).properties()
                : security.admin(bootstrap).properties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(props)) {
            var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                    .nodes()
                    .get(4, TimeUnit.SECONDS);
            boolean self = nodes.stream().map(Node::id).anyMatch(id -> id == nodeId());
            return self ? null : "node " + nodeId() + " not yet in cluster metadata";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof SaslAuthenticationException && security != null) {
                return setAdminCredential();
            }
            return "no metadata: " + cause.getClass().getSimpleName();
        }
    }

    /**
     * The admin's SCRAM credential, set through the controllers, which know the admin by the JAAS file's PLAIN
     * password: for storage formatted before the brokers took SASL, or after {@code kafka.admin-password} changed.
     * Returns why the broker is not healthy yet.
     */
    private String setAdminCredential() {
        List<String> controllers = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            controllers.add("127.0.0.1:" + (firstControllerPort + i));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, String.join(",", controllers));
        // the controller listener: PLAIN over SASL_PLAINTEXT, with or without TLS on the brokers' listeners
        props.putAll(new KafkaAccess(
                        String.join(",", controllers),
                        "SASL_PLAINTEXT",
                        "PLAIN",
                        security.adminUser(),
                        security.adminPassword().get())
                .securityProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            security.adminUser(),
                            new ScramCredentialInfo(ScramMechanism.fromMechanismName(security.mechanism()), 8192),
                            security.adminPassword().get())))
                    .all()
                    .get(4, TimeUnit.SECONDS);
            return "the admin's SCRAM credential was missing or stale: set it through the controllers";
        } catch (Exception e) {
            return "the broker refused the admin's login, and so did the controllers (kafka.admin-password differs "
                    + "from " + Secrets.KAFKA_ADMIN + "'s when the brokers were set up?)";
        }
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + port;
    }
}
