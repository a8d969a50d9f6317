package dev.rideops.stack.services;

import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * One Kafka node in KRaft combined mode (broker and controller). With three nodes every internal topic is
 * replicated three times with min.insync.replicas 2, as in the original three-broker setup.
 */
public final class KafkaBroker extends ProcessService {

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

    /**
     * @param index 0-based node index; the node id is index + 1 and ports follow the first node's
     * @param nativeProperties the user's own broker properties ({@code kafka.properties}), written last so they win
     * @param clusterIdFile shared by all nodes of the cluster, written on first start
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
            LogRotation logRotation) {
        this(
                dirs,
                index,
                brokers,
                firstPort,
                firstControllerPort,
                heapMb,
                retention,
                nativeProperties,
                lib,
                clusterIdFile,
                logRotation,
                0);
    }

    /**
     * @param firstProxyPort 0, or the port the first broker advertises on its PROXIED listener (where chaos's fault
     *     proxy listens; see {@link dev.rideops.stack.StackSpec.Kafka#proxiedListenerPort})
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
            int firstProxyPort) {
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
    }

    private int nodeId() {
        return index + 1;
    }

    private Path serverProperties() {
        return dirs.conf().resolve("server.properties");
    }

    @Override
    protected void prepare() throws IOException {
        PropertiesFile.write(serverProperties(), properties());
        Log4j2Config.write(
                dirs.conf(),
                dirs.log(),
                logRotation,
                "kafka.server.metadata",
                "org.apache.kafka.controller",
                "kafka.log",
                "org.apache.kafka.storage");

        if (!Files.isRegularFile(dirs.data().resolve("meta.properties"))) {
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
        if (proxyPort > 0) {
            // A client that bootstraps through the proxy is told the proxies' addresses, so every connection it
            // makes to any broker passes the proxy; brokers and other clients keep the plain listener.
            p.put(
                    "listeners",
                    "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                            + ",PROXIED://127.0.0.1:" + StackSpec.Kafka.proxiedListenerPort(proxyPort, index));
            p.put(
                    "advertised.listeners",
                    "PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + (proxyPort + index));
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT");
        } else {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        }
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
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

    private void format() throws IOException {
        List<String> command = JavaCommand.of("kafka.tools.StorageTool")
                .heapMb(128)
                .jarsIn(lib)
                .property("log4j2.configurationFile", dirs.conf().resolve("log4j2.properties"))
                .args("format", "-t", clusterId(), "-c", serverProperties().toString())
                .build();
        runHelper(command, Duration.ofSeconds(60), "formatting Kafka storage");
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
    protected List<String> command() {
        return JavaCommand.of("kafka.Kafka")
                .heapMb(heapMb)
                .jarsIn(lib)
                .property("log4j2.configurationFile", dirs.conf().resolve("log4j2.properties"))
                .property("kafka.logs.dir", dirs.root())
                .args(serverProperties().toString())
                .build();
    }

    @Override
    public String probe() {
        if (!Ports.accepting(port)) {
            return "not listening on " + port + " yet";
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
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
            return "no metadata: " + cause.getClass().getSimpleName();
        }
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + port;
    }
}
