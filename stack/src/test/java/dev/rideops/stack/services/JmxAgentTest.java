package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.jmx.common.http.HTTPServerFactory;
import io.prometheus.jmx.common.http.authenticator.MessageDigestAuthenticator;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMX exporter agent's config as the stack writes it, checked with the agent's own classes (1.0.1, the version
 * the build lays out): its authenticator accepts the password from the salted hash, its HTTP server refuses a
 * request without the login, and its collector, given the repository's rules, turns MBeans named as Kafka, Connect and
 * Debezium name theirs into the series the README and MonitoringIT name.
 */
class JmxAgentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PASSWORD = "jmx-Secret_value-42";
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path dist;

    private final List<ObjectName> registered = new ArrayList<>();

    @AfterEach
    void unregister() throws Exception {
        for (ObjectName name : registered) {
            MBEANS.unregisterMBean(name);
        }
    }

    /** A checkout with the repository's rules and a built agent jar (its bytes do not matter here). */
    private dev.rideops.stack.RuntimeLayout layout() throws IOException {
        Path rules = Files.createDirectories(dist.resolve("monitoring/jmx"));
        for (String service : List.of("kafka", "connect", "search")) {
            Files.copy(
                    checkoutRules(service),
                    rules.resolve(service + ".yml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path lib = Files.createDirectories(dist.resolve("stack/runtimes/jmx-exporter/target/lib"));
        Files.writeString(lib.resolve("jmx_prometheus_javaagent-1.0.1.jar"), "");
        return new dev.rideops.stack.RuntimeLayout(dist);
    }

    private static Path checkoutRules(String service) {
        return dev.rideops.stack.RuntimeLayout.locate().jmxRules(service);
    }

    private Path writtenConfig(String service) throws IOException {
        Path conf = Files.createDirectories(dist.resolve("services/" + service + "/conf"));
        return new JmxAgent(layout(), service, 19404, "prometheus", () -> PASSWORD).writeConfig(conf);
    }

    @Test
    void theConfigHoldsTheRulesAndTheLoginAsASaltedHashOnlyItsOwnerReads() throws IOException {
        Path config = writtenConfig("kafka");

        JsonNode yaml = YAML.readTree(config.toFile());
        JsonNode basic = yaml.at("/httpServer/authentication/basic");
        assertThat(basic.path("username").asText()).isEqualTo("prometheus");
        assertThat(basic.path("algorithm").asText()).isEqualTo("SHA-256");
        assertThat(basic.has("password")).isFalse();
        assertThat(basic.path("passwordHash").asText())
                .isEqualTo(JmxAgent.passwordHash(basic.path("salt").asText(), PASSWORD));
        assertThat(yaml.path("lowercaseOutputName").asBoolean()).isTrue();
        assertThat(yaml.path("rules").size()).isGreaterThan(10);
        assertThat(Files.readString(config)).doesNotContain(PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        // a fresh salt at every start
        String first = basic.path("salt").asText();
        assertThat(YAML.readTree(writtenConfig("kafka").toFile())
                        .at("/httpServer/authentication/basic/salt")
                        .asText())
                .isNotEqualTo(first)
                .matches("[0-9a-f]{32}");
    }

    /** The agent's authenticator, given what the stack wrote, lets the password in and nothing else. */
    @Test
    void theAgentsOwnAuthenticatorAcceptsThePasswordAndRefusesOthers() throws Exception {
        JsonNode basic = YAML.readTree(writtenConfig("connect").toFile()).at("/httpServer/authentication/basic");

        MessageDigestAuthenticator agent = new MessageDigestAuthenticator(
                "/",
                basic.path("username").asText(),
                basic.path("passwordHash").asText(),
                basic.path("algorithm").asText(),
                basic.path("salt").asText());

        assertThat(agent.checkCredentials("prometheus", PASSWORD)).isTrue();
        assertThat(agent.checkCredentials("prometheus", PASSWORD + "x")).isFalse();
        assertThat(agent.checkCredentials("admin", PASSWORD)).isFalse();
    }

    /**
     * The agent writes the digest as a number, dropping leading zeros: a salt whose hash begins with a zero nibble
     * (one in sixteen) must still log in.
     */
    @Test
    void aHashWithLeadingZerosMatchesTheAgentsToo() throws Exception {
        String salt = null;
        for (int i = 0; salt == null; i++) {
            String candidate = "salt" + i;
            if (JmxAgent.passwordHash(candidate, PASSWORD).length() < 64) {
                salt = candidate;
            }
        }
        String hash = JmxAgent.passwordHash(salt, PASSWORD);
        assertThat(new BigInteger(hash, 16)).isPositive();

        assertThat(new MessageDigestAuthenticator("/", "prometheus", hash, "SHA-256", salt)
                        .checkCredentials("prometheus", PASSWORD))
                .isTrue();
    }

    @Test
    void theJvmLoadsTheAgentOnLoopbackWithItsConfig() throws IOException {
        dev.rideops.stack.RuntimeLayout layout = layout();
        Path conf = dist.resolve("conf");

        String option = new JmxAgent(layout, "search", 19408, "prometheus", () -> PASSWORD).jvmOption(conf);

        assertThat(option)
                .isEqualTo("-javaagent:" + layout.lib("jmx-exporter").resolve("jmx_prometheus_javaagent-1.0.1.jar")
                        + "=127.0.0.1:19408:" + conf.resolve("jmx-exporter.yml"));
        assertThat(option).doesNotContain(PASSWORD);
    }

    /**
     * Each JVM service of the stack loads the agent before its main class runs, with its own config written into its
     * conf (the only file holding the login's hash); the command line holds no password.
     */
    @Test
    void theBrokerConnectAndTheSearchNodeLoadTheAgentWithTheirOwnConfig() throws IOException {
        dev.rideops.stack.RuntimeLayout layout = layout();
        LogRotation logs = new LogRotation(50L << 20, 4);
        ServiceDirs kafkaDirs = ServiceDirs.of(dist, "kafka-2").create();
        // formatted already: no storage tool here
        Files.createDirectories(kafkaDirs.data());
        Files.writeString(kafkaDirs.data().resolve("meta.properties"), "");
        KafkaBroker broker = new KafkaBroker(
                        kafkaDirs,
                        1,
                        3,
                        9092,
                        29092,
                        512,
                        new KafkaRetention(72, 1L << 30, "lz4"),
                        Map.of(),
                        dist.resolve("lib"),
                        dist.resolve("services/kafka-cluster-id"),
                        logs,
                        0,
                        null)
                .withJmxAgent(new JmxAgent(layout, "kafka", 19405, "prometheus", () -> PASSWORD));
        ServiceDirs connectDirs = ServiceDirs.of(dist, "connect").create();
        ConnectWorker worker = new ConnectWorker(
                        connectDirs,
                        8083,
                        "127.0.0.1:9092",
                        1,
                        512,
                        "lz4",
                        dist.resolve("lib"),
                        dist.resolve("plugins"),
                        dist.resolve("secrets"),
                        () -> new dev.rideops.clients.http.BasicAuth("rideops", "connect-pw"),
                        logs)
                .withJmxAgent(new JmxAgent(layout, "connect", 19407, "prometheus", () -> PASSWORD));
        ServiceDirs searchDirs = ServiceDirs.of(dist, "search").create();
        SearchNode node = new SearchNode(
                        searchDirs,
                        9200,
                        9300,
                        512,
                        Map.of(),
                        dist.resolve("lib"),
                        dist.resolve("classes"),
                        new dev.rideops.stack.StackSpec.SearchUsers("elastic", "writer", "reader"),
                        name -> "pw-of-" + name,
                        logs)
                .withJmxAgent(new JmxAgent(layout, "search", 19408, "prometheus", () -> PASSWORD));

        Map<ServiceDirs, List<String>> commands = new LinkedHashMap<>();
        broker.prepare();
        commands.put(kafkaDirs, broker.command());
        worker.prepare();
        commands.put(connectDirs, worker.command());
        node.prepare();
        commands.put(searchDirs, node.command());

        String jar = layout.jmxAgent().orElseThrow().toString();
        Map<ServiceDirs, String> rules =
                Map.of(kafkaDirs, "kafka_server_", connectDirs, "debezium_", searchDirs, "jvm_os_");
        int port = 0;
        for (Map.Entry<ServiceDirs, List<String>> service : commands.entrySet()) {
            List<String> command = service.getValue();
            Path config = service.getKey().conf().resolve("jmx-exporter.yml");
            String agent = "-javaagent:" + jar + "=127.0.0.1:"
                    + List.of(19405, 19407, 19408).get(port++) + ":" + config;
            assertThat(command).contains(agent);
            int mainClass = command.indexOf("-cp") + 2;
            assertThat(command.indexOf(agent)).isLessThan(mainClass);
            assertThat(String.join(" ", command)).doesNotContain(PASSWORD);
            assertThat(config).content().contains(rules.get(service.getKey())).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aMissingAgentOrRulesOrARulesFileWithItsOwnLoginStopTheStartSayingWhy() throws IOException {
        Path conf = Files.createDirectories(dist.resolve("conf"));
        dev.rideops.stack.RuntimeLayout empty = new dev.rideops.stack.RuntimeLayout(dist);
        assertThatThrownBy(() -> new JmxAgent(empty, "kafka", 19404, "prometheus", () -> PASSWORD).writeConfig(conf))
                .hasMessageContaining("JMX exporter agent is not built")
                .hasMessageContaining("./mvnw");

        dev.rideops.stack.RuntimeLayout layout = layout();
        assertThatThrownBy(() -> new JmxAgent(layout, "nosuch", 19404, "prometheus", () -> PASSWORD).writeConfig(conf))
                .hasMessageContaining(dist.resolve("monitoring/jmx/nosuch.yml").toString());

        Files.writeString(dist.resolve("monitoring/jmx/open.yml"), "rules: []\nhttpServer:\n  threads: {}\n");
        assertThatThrownBy(() -> new JmxAgent(layout, "open", 19404, "prometheus", () -> PASSWORD).writeConfig(conf))
                .hasMessageContaining("sets httpServer");
    }

    /** The repository's rules: each file parses, limits what it reads and leaves the login to rideops. */
    @Test
    void everyRulesFileLimitsTheMBeansItReadsAndItsPatternsCompile() throws IOException {
        for (String service : List.of("kafka", "connect", "search")) {
            JsonNode rules = YAML.readTree(checkoutRules(service).toFile());
            assertThat(rules.path("lowercaseOutputName").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(rules.path("includeObjectNames").size()).as(service).isPositive();
            assertThat(rules.has("httpServer")).as(service).isFalse();
            for (JsonNode rule : rules.path("rules")) {
                Pattern.compile(rule.path("pattern").asText());
                assertThat(rule.path("name").asText()).as(service).matches("[a-z_$0-9]+");
            }
        }
    }

    /**
     * The whole agent as a service runs it: its HTTP server with the written config asks for the login, and its
     * collector turns a broker's MBeans into the per-topic counters.
     */
    @Test
    void theAgentsServerRefusesAnonymousScrapesAndServesTheKafkaSeriesToTheLogin() throws Exception {
        register(
                "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=rideops.public.bookings",
                Map.of("Count", 1234L));
        register("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec", Map.of("Count", 2000L));
        register(
                "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=rideops.public.bookings",
                Map.of("Count", 99_000L));
        register("kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions", Map.of("Value", 2));
        register(
                "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce",
                Map.of("50thPercentile", 3.0, "99thPercentile", 40.0, "Count", 7L));
        register("kafka.log:type=Log,name=Size,topic=rideops.public.bookings,partition=0", Map.of("Value", 4096L));
        register("kafka.log:type=Log,name=Size,topic=__consumer_offsets,partition=0", Map.of("Value", 1L));
        Path config = writtenConfig("kafka");
        PrometheusRegistry registry = new PrometheusRegistry();
        new JmxCollector(config.toFile()).register(registry);

        try (HTTPServer server = new HTTPServerFactory()
                .createHTTPServer(InetAddress.getLoopbackAddress(), 0, registry, config.toFile())) {
            String url = "http://127.0.0.1:" + server.getPort() + "/metrics";
            assertThat(get(url, null).statusCode()).isEqualTo(401);
            assertThat(get(url, "prometheus:wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> scrape = get(url, "prometheus:" + PASSWORD);

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains("kafka_server_messages_in_total{topic=\"rideops.public.bookings\"} 1234.0")
                    .contains("kafka_server_messages_in_total 2000.0")
                    .contains("kafka_server_bytes_in_total{topic=\"rideops.public.bookings\"} 99000.0")
                    .contains("kafka_server_under_replicated_partitions 2.0")
                    .contains("kafka_network_request_total_time_seconds{quantile=\"0.99\",request=\"Produce\"} 0.04")
                    .contains("kafka_log_size_bytes{partition=\"0\",topic=\"rideops.public.bookings\"} 4096.0")
                    .doesNotContain("__consumer_offsets");
        }
    }

    /** Debezium's streaming MBean and Connect's task metrics, named as Debezium 3.6 and Connect 4.1 name them. */
    @Test
    void theConnectRulesKeepDebeziumsStreamingMetricsAndEachTasksState() throws Exception {
        register(
                "debezium.postgres:type=connector-metrics,context=streaming,server=rideops",
                Map.of(
                        "MilliSecondsBehindSource",
                        1500L,
                        "MilliSecondsBehindSourceP99",
                        9000L,
                        "QueueRemainingCapacity",
                        8000,
                        "QueueTotalCapacity",
                        8192,
                        "TotalNumberOfEventsSeen",
                        321L,
                        "Connected",
                        true));
        register(
                "kafka.connect:type=connector-task-metrics,connector=rideops-cdc,task=0",
                Map.of("status", "running", "offset-commit-avg-time-ms", 12.0));
        register(
                "kafka.connect:type=source-task-metrics,connector=rideops-cdc,task=0",
                Map.of("source-record-poll-rate", 50.5, "source-record-poll-total", 777.0));

        String scrape = collect(writtenConfig("connect"));

        assertThat(scrape)
                .contains("debezium_postgres_behind_source_seconds{server=\"rideops\"} 1.5\n")
                .contains("debezium_postgres_queue_remaining_capacity{server=\"rideops\"} 8000.0")
                .contains("debezium_postgres_queue_total_capacity{server=\"rideops\"} 8192.0")
                .contains("debezium_postgres_events_seen_total{server=\"rideops\"} 321.0")
                .contains("debezium_postgres_connected{server=\"rideops\"} 1.0")
                .contains("kafka_connect_task_status{connector=\"rideops-cdc\",status=\"running\",task=\"0\"} 1.0")
                .contains(
                        "kafka_connect_task_offset_commit_avg_time_seconds{connector=\"rideops-cdc\",task=\"0\"} 0.012")
                .contains(
                        "kafka_connect_source_task_source_record_poll_rate{connector=\"rideops-cdc\",task=\"0\"} 50.5")
                .contains(
                        "kafka_connect_source_task_source_record_poll_total{connector=\"rideops-cdc\",task=\"0\"} 777.0");
        // the percentiles beside it (MilliSecondsBehindSourceP99, ...) are not the figure itself
        assertThat(scrape.lines().filter(l -> l.startsWith("debezium_postgres_behind_source_seconds{")))
                .hasSize(1);
    }

    /**
     * Debezium's snapshot MBean as Debezium 3.6 registers it: an MXBean, so its per-table RowsScanned map reaches the
     * agent as TabularData (one row per table) the way the platform MBean server converts it.
     */
    @Test
    void theConnectRulesKeepDebeziumsSnapshotProgressAndEachTablesRows() throws Exception {
        ObjectName name = new ObjectName("debezium.postgres:type=connector-metrics,context=snapshot,server=rideops");
        MBEANS.registerMBean(
                new Snapshot(
                        true,
                        false,
                        7,
                        3,
                        130,
                        1_234_567,
                        Map.of("public.bookings", 1_000_000L, "public.riders", 234_567L)),
                name);
        registered.add(name);
        register(
                "debezium.postgres:type=connector-metrics,context=streaming,server=rideops",
                Map.of("TotalNumberOfEventsSeen", 5L));

        String scrape = collect(writtenConfig("connect"));

        assertThat(scrape)
                .contains("debezium_postgres_snapshot_running{server=\"rideops\"} 1.0\n")
                .contains("debezium_postgres_snapshot_completed{server=\"rideops\"} 0.0\n")
                .contains("debezium_postgres_snapshot_aborted{server=\"rideops\"} 0.0\n")
                .contains("debezium_postgres_snapshot_skipped{server=\"rideops\"} 0.0\n")
                .contains("debezium_postgres_snapshot_tables{server=\"rideops\"} 7.0\n")
                .contains("debezium_postgres_snapshot_remaining_tables{server=\"rideops\"} 3.0\n")
                .contains("debezium_postgres_snapshot_duration_seconds{server=\"rideops\"} 130.0\n")
                .contains("debezium_postgres_snapshot_events_seen_total{server=\"rideops\"} 1234567.0\n")
                .contains(
                        "debezium_postgres_snapshot_rows_scanned_total{server=\"rideops\",table=\"public.bookings\"} 1000000.0\n")
                .contains(
                        "debezium_postgres_snapshot_rows_scanned_total{server=\"rideops\",table=\"public.riders\"} 234567.0\n")
                // the streaming MBean's count stays its own
                .contains("debezium_postgres_events_seen_total{server=\"rideops\"} 5.0\n");
    }

    /** The getters of Debezium's SnapshotMetricsMXBean the rules read, with the types Debezium 3.6 declares. */
    public interface SnapshotMetricsMXBean {
        boolean getSnapshotRunning();

        boolean getSnapshotCompleted();

        boolean getSnapshotAborted();

        boolean getSnapshotSkipped();

        int getTotalTableCount();

        int getRemainingTableCount();

        long getSnapshotDurationInSeconds();

        long getTotalNumberOfEventsSeen();

        Map<String, Long> getRowsScanned();
    }

    public record Snapshot(
            boolean running,
            boolean completed,
            int tables,
            int remaining,
            long seconds,
            long events,
            Map<String, Long> rows)
            implements SnapshotMetricsMXBean {

        @Override
        public boolean getSnapshotRunning() {
            return running;
        }

        @Override
        public boolean getSnapshotCompleted() {
            return completed;
        }

        @Override
        public boolean getSnapshotAborted() {
            return false;
        }

        @Override
        public boolean getSnapshotSkipped() {
            return false;
        }

        @Override
        public int getTotalTableCount() {
            return tables;
        }

        @Override
        public int getRemainingTableCount() {
            return remaining;
        }

        @Override
        public long getSnapshotDurationInSeconds() {
            return seconds;
        }

        @Override
        public long getTotalNumberOfEventsSeen() {
            return events;
        }

        @Override
        public Map<String, Long> getRowsScanned() {
            return rows;
        }
    }

    @Test
    void theSearchNodesRulesServeTheJvmsCpuLoad() throws Exception {
        assertThat(collect(writtenConfig("search")))
                .contains("jvm_os_process_cpu_load_ratio ")
                .contains("jvm_os_system_cpu_load_ratio ");
    }

    private static HttpResponse<String> get(String url, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (login != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the agent's collector serves from this JVM's MBeans with the config, in Prometheus's text format. */
    private static String collect(Path config) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter(false)
                .write(
                        out,
                        new JmxCollector(config.toFile())
                                .register(new PrometheusRegistry())
                                .collect());
        return out.toString(StandardCharsets.UTF_8);
    }

    private void register(String name, Map<String, Object> attributes) throws Exception {
        ObjectName objectName = new ObjectName(name);
        MBEANS.registerMBean(new FixedMBean(attributes), objectName);
        registered.add(objectName);
    }

    /** An MBean with fixed attributes of any name (Kafka's are lower-case with dashes, like {@code status}). */
    private static final class FixedMBean implements DynamicMBean {

        private final Map<String, Object> attributes;

        FixedMBean(Map<String, Object> attributes) {
            this.attributes = new LinkedHashMap<>(attributes);
        }

        @Override
        public Object getAttribute(String attribute) {
            return attributes.get(attribute);
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttributeList getAttributes(String[] names) {
            AttributeList list = new AttributeList();
            for (String name : names) {
                list.add(new Attribute(name, attributes.get(name)));
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList list) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String action, Object[] params, String[] signature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            MBeanAttributeInfo[] infos = attributes.entrySet().stream()
                    .map(e -> new MBeanAttributeInfo(
                            e.getKey(), e.getValue().getClass().getName(), e.getKey(), true, false, false))
                    .toArray(MBeanAttributeInfo[]::new);
            return new MBeanInfo(FixedMBean.class.getName(), "test", infos, null, null, null);
        }
    }
}
