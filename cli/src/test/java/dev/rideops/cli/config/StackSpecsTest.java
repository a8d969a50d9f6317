package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSpecsTest {

    private static final Executables NO_TOOLS = new Executables("");

    @TempDir
    Path dir;

    private static RideopsConfig config(Map<String, String> env) {
        return new ConfigLoader(env, Path.of("/tmp"), Path.of("/tmp/user")).load(Optional.empty(), List.of());
    }

    @Test
    void theLocalBrokersTakeTheConfiguredScramMechanismAndUsers() {
        RuntimeLayout layout = new RuntimeLayout(Path.of("/opt/rideops"));
        StackSpec.Kafka kafka = StackSpecs.from(
                        config(Map.of(
                                "RIDEOPS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                                "RIDEOPS_KAFKA_JOB_USER", "flink",
                                "RIDEOPS_KAFKA_ADMIN_USER", "root-of-kafka")),
                        layout,
                        () -> 0,
                        2,
                        NO_TOOLS)
                .kafka();

        assertThat(kafka.saslMechanism()).isEqualTo("SCRAM-SHA-256");
        assertThat(kafka.users())
                .isEqualTo(new dev.rideops.clients.kafka.KafkaUsers("root-of-kafka", "rideops", "connect", "flink"));
        // PLAIN is for remote clusters: the local brokers keep SCRAM
        assertThat(StackSpecs.from(
                                config(Map.of("RIDEOPS_KAFKA_SASL_MECHANISM", "PLAIN")), layout, () -> 0, 2, NO_TOOLS)
                        .kafka()
                        .saslMechanism())
                .isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void autoBrokersFollowAvailableMemoryAndCores() {
        RuntimeLayout layout = new RuntimeLayout(Path.of("/opt/rideops"));

        assertThat(StackSpecs.from(config(Map.of()), layout, () -> 20_000, 4, NO_TOOLS)
                        .kafka()
                        .brokers())
                .isEqualTo(3);
        assertThat(StackSpecs.from(config(Map.of()), layout, () -> 8_000, 8, NO_TOOLS)
                        .kafka()
                        .brokers())
                .isEqualTo(1);
        assertThat(StackSpecs.from(config(Map.of()), layout, () -> 20_000, 2, NO_TOOLS)
                        .kafka()
                        .brokers())
                .isEqualTo(1);
        assertThat(StackSpecs.from(config(Map.of("RIDEOPS_KAFKA_BROKERS", "3")), layout, () -> 0, 2, NO_TOOLS)
                        .kafka()
                        .brokers())
                .isEqualTo(3);
        assertThat(StackSpecs.from(config(Map.of("RIDEOPS_KAFKA_BROKERS", "1")), layout, () -> 20_000, 8, NO_TOOLS)
                        .kafka()
                        .brokers())
                .isEqualTo(1);
    }

    @Test
    void autoBrokersKeepTheCountOfTheStackTheHomeHolds(@TempDir Path home) throws Exception {
        RuntimeLayout layout = new RuntimeLayout(Path.of("/opt/rideops"));
        Map<String, String> inHome = Map.of("RIDEOPS_HOME", home.toString());
        StackSpec three = StackSpecs.from(
                config(Map.of("RIDEOPS_HOME", home.toString(), "RIDEOPS_KAFKA_BROKERS", "3")),
                layout,
                () -> 0,
                2,
                NO_TOOLS);
        assertThat(StackSpecs.brokersChosenBy(config(inHome))).contains("available memory");
        new ObjectMapper().writeValue(Stack.specFile(home).toFile(), three);

        // two cores would choose one broker, but the data in this home is for three
        assertThat(StackSpecs.from(config(inHome), layout, () -> 0, 2, NO_TOOLS)
                        .kafka()
                        .brokers())
                .isEqualTo(3);
        assertThat(StackSpecs.brokersChosenBy(config(inHome))).contains("down --purge");
        assertThat(StackSpecs.brokersChosenBy(
                        config(Map.of("RIDEOPS_HOME", home.toString(), "RIDEOPS_KAFKA_BROKERS", "1"))))
                .isEmpty();
    }

    @Test
    void sizesAndPortsComeFromConfig() {
        StackSpec spec = StackSpecs.from(
                config(Map.of(
                        "RIDEOPS_SEARCH_HEAP", "1g", "RIDEOPS_KAFKA_PORT", "19092", "RIDEOPS_KAFKA_BROKERS", "3")),
                new RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                2,
                NO_TOOLS);

        assertThat(spec.search().heapMb()).isEqualTo(1024);
        assertThat(spec.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        assertThat(spec.ports())
                .extracting(StackSpec.PortUse::port)
                .doesNotHaveDuplicates()
                .contains(19094);
    }

    @Test
    void retentionCompressionWalAndLogLimitsComeFromConfig() {
        StackSpec defaults =
                StackSpecs.from(config(Map.of()), new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 2, NO_TOOLS);
        StackSpec set = StackSpecs.from(
                config(Map.of(
                        "RIDEOPS_KAFKA_RETENTION_HOURS", "24",
                        "RIDEOPS_KAFKA_RETENTION_BYTES", "256m",
                        "RIDEOPS_KAFKA_COMPRESSION", "zstd",
                        "RIDEOPS_SOURCE_MAX_SLOT_WAL_KEEP_SIZE", "1g",
                        "RIDEOPS_LOGS_MAX_SIZE", "10m",
                        "RIDEOPS_LOGS_KEEP", "2")),
                new RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                2,
                NO_TOOLS);

        assertThat(defaults.kafka())
                .extracting(
                        StackSpec.Kafka::retentionHours,
                        StackSpec.Kafka::retentionMbPerPartition,
                        StackSpec.Kafka::compression)
                .containsExactly(72, 1024, "lz4");
        assertThat(defaults.postgres().maxSlotWalKeepSizeMb()).isEqualTo(4096);
        assertThat(defaults.logs()).isEqualTo(new StackSpec.Logs(50, 4));
        assertThat(set.kafka())
                .extracting(
                        StackSpec.Kafka::retentionHours,
                        StackSpec.Kafka::retentionMbPerPartition,
                        StackSpec.Kafka::compression)
                .containsExactly(24, 256, "zstd");
        assertThat(set.postgres().maxSlotWalKeepSizeMb()).isEqualTo(1024);
        assertThat(set.logs()).isEqualTo(new StackSpec.Logs(10, 2));
    }

    /** A directory of its own holding the programs, as the PATH to look for them on. */
    private Path bin(String... programs) throws Exception {
        Path bin = Files.createTempDirectory(dir, "bin");
        for (String program : programs) {
            Path file = Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            file.toFile().setExecutable(true);
        }
        return bin;
    }

    private Executables installed(String... programs) throws Exception {
        return new Executables(bin(programs).toString());
    }

    @Test
    void installedPrometheusAndAlertmanagerRunOnTheConfiguredPorts() throws Exception {
        Path bin = bin("prometheus", "prometheus-alertmanager");
        StackSpec spec = StackSpecs.from(
                config(Map.of(
                        "RIDEOPS_MONITORING_PROMETHEUS_PORT", "19090",
                        "RIDEOPS_MONITORING_ALERTMANAGER_PORT", "19095",
                        "RIDEOPS_MONITORING_EXPORTER_PORT", "19400",
                        "RIDEOPS_MONITORING_RETENTION", "30d",
                        "RIDEOPS_FLINK_METRICS_PORT", "19249",
                        "RIDEOPS_FLINK_TASKMANAGERS", "2")),
                new RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                2,
                new Executables(bin.toString()));

        assertThat(spec.monitoring())
                .isEqualTo(new StackSpec.Monitoring(
                        bin.resolve("prometheus"),
                        19090,
                        "30d",
                        bin.resolve("prometheus-alertmanager"),
                        19095,
                        19400,
                        "prometheus",
                        15,
                        9404,
                        "prometheus"));
        assertThat(spec.flink().metricsPorts()).containsExactly(19249, 19250, 19251);
    }

    /** Every 15 s unless set (the equality above holds the default); a test stack asks for less. */
    @Test
    void prometheusScrapesAtTheConfiguredInterval() throws Exception {
        Executables both = installed("prometheus", "prometheus-alertmanager");

        assertThat(StackSpecs.monitoring(config(Map.of()), both).scrapeIntervalSeconds())
                .isEqualTo(15);
        assertThat(StackSpecs.monitoring(config(Map.of("RIDEOPS_MONITORING_SCRAPE_INTERVAL_SECONDS", "5")), both)
                        .scrapeIntervalSeconds())
                .isEqualTo(5);
    }

    @Test
    void alertmanagerIsFoundUnderItsUpstreamNameToo() throws Exception {
        Path bin = bin("prometheus", "alertmanager");

        assertThat(StackSpecs.monitoring(config(Map.of()), new Executables(bin.toString()))
                        .alertmanager())
                .isEqualTo(bin.resolve("alertmanager"));
    }

    @Test
    void noLocalMonitoringWithoutPrometheusOrWhenAnotherIsConfigured() throws Exception {
        Executables both = installed("prometheus", "prometheus-alertmanager");

        StackSpec.Monitoring elsewhere =
                StackSpecs.monitoring(config(Map.of("RIDEOPS_MONITORING_PROMETHEUS_URL", "http://prom:9090")), both);
        StackSpec.Monitoring notInstalled =
                StackSpecs.monitoring(config(Map.of()), installed("prometheus-alertmanager"));

        assertThat(elsewhere.runsPrometheus()).isFalse();
        assertThat(elsewhere.runsAlertmanager()).isFalse();
        assertThat(notInstalled.runsPrometheus()).isFalse();
        assertThat(notInstalled.runsAlertmanager()).isFalse();
    }

    @Test
    void theLocalRegistryRunsOnlyForAvroChangeEventsWithoutAnotherRegistryAndSharesNoPort() throws Exception {
        RuntimeLayout layout = new RuntimeLayout(Path.of("/opt/rideops"));
        StackSpec json = StackSpecs.from(config(Map.of()), layout, () -> 0, 2, NO_TOOLS);
        StackSpec avro = StackSpecs.from(
                config(Map.of("RIDEOPS_CDC_FORMAT", "avro", "RIDEOPS_KAFKA_BROKERS", "3")),
                layout,
                () -> 0,
                2,
                installed("prometheus", "prometheus-alertmanager"));
        StackSpec remote = StackSpecs.from(
                config(Map.of(
                        "RIDEOPS_CDC_FORMAT", "avro", "RIDEOPS_REGISTRY_URL", "http://schemas:8080/apis/registry/v3")),
                layout,
                () -> 0,
                2,
                NO_TOOLS);

        assertThat(json.runsRegistry()).isFalse();
        assertThat(json.avroChangeEvents()).isFalse();
        // another registry: none runs here, but the local Connect worker still needs the converter
        assertThat(remote.runsRegistry()).isFalse();
        assertThat(remote.avroChangeEvents()).isTrue();
        assertThat(remote.ports()).extracting(StackSpec.PortUse::port).doesNotContain(8080, 8091);
        assertThat(avro.registry())
                .isEqualTo(new StackSpec.Registry(
                        true, 8080, 8091, 256, new StackSpec.RegistryUsers("registry-connect", "registry-job"), ""));
        // a login left empty (for a remote registry without authentication) leaves the local one its user
        assertThat(StackSpecs.from(
                                config(Map.of(
                                        "RIDEOPS_CDC_FORMAT", "avro",
                                        "RIDEOPS_REGISTRY_CONNECT_USER", "schemas-in",
                                        "RIDEOPS_REGISTRY_JOB_USER", "")),
                                layout,
                                () -> 0,
                                2,
                                NO_TOOLS)
                        .registry()
                        .users())
                .isEqualTo(new StackSpec.RegistryUsers("schemas-in", "registry-job"));
        assertThat(avro.ports())
                .extracting(StackSpec.PortUse::port)
                .doesNotHaveDuplicates()
                .contains(8080, 8091);
        StackSpec avroAlone =
                StackSpecs.from(config(Map.of("RIDEOPS_CDC_FORMAT", "avro")), layout, () -> 0, 2, NO_TOOLS);
        assertThat(avroAlone.estimatedMemoryMb()).isGreaterThan(json.estimatedMemoryMb() + 256);
    }

    @Test
    void threeBrokersAndTheWholeMonitoringShareNoPortByDefault() throws Exception {
        StackSpec spec = StackSpecs.from(
                config(Map.of("RIDEOPS_KAFKA_BROKERS", "3", "RIDEOPS_FLINK_TASKMANAGERS", "2")),
                new RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                2,
                installed("prometheus", "prometheus-alertmanager"));

        assertThat(spec.ports())
                .extracting(StackSpec.PortUse::port)
                .doesNotHaveDuplicates()
                .contains(9093, 9095, 9404, 9406, 9407, 9408);
    }

    /**
     * The JMX exporter agents run in every broker, Connect and the search node whether Prometheus is installed or
     * not: their ports are the stack's, checked by preflight, from monitoring.jmx-port, Connect's never moving with
     * the broker count.
     */
    @Test
    void theJmxAgentsPortsFollowTheirSettingWithOrWithoutPrometheus() throws Exception {
        StackSpec spec = StackSpecs.from(
                config(Map.of(
                        "RIDEOPS_MONITORING_JMX_PORT", "19404",
                        "RIDEOPS_MONITORING_JMX_USER", "scraper",
                        "RIDEOPS_KAFKA_BROKERS", "1")),
                new RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                2,
                installed());

        assertThat(spec.monitoring().runsPrometheus()).isFalse();
        assertThat(spec.monitoring().jmxUser()).isEqualTo("scraper");
        assertThat(spec.jmxTargets())
                .containsExactly(
                        new StackSpec.JmxTarget("kafka", "kafka-1", 19404),
                        new StackSpec.JmxTarget("connect", "connect", 19407),
                        new StackSpec.JmxTarget("search", "search", 19408));
        assertThat(spec.ports())
                .filteredOn(p -> p.configKey().equals("monitoring.jmx-port"))
                .extracting(StackSpec.PortUse::port, StackSpec.PortUse::service)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(19404, "kafka-1"),
                        org.assertj.core.groups.Tuple.tuple(19407, "connect"),
                        org.assertj.core.groups.Tuple.tuple(19408, "search"));
    }

    @Test
    void retentionMustBeAPrometheusDuration() {
        assertThat(ValueType.RETENTION.check("7d")).isNull();
        assertThat(ValueType.RETENTION.check("1d12h")).isNull();
        assertThat(ValueType.RETENTION.check("7 days")).contains("a duration such as 7d");
    }

    @Test
    void thePortOffsetMovesEveryPortOfTheStackAndNothingElse() throws Exception {
        RuntimeLayout layout = new RuntimeLayout(Path.of("/opt/rideops"));
        Map<String, String> env = Map.of("RIDEOPS_KAFKA_BROKERS", "3", "RIDEOPS_FLINK_TASKMANAGERS", "2");
        Map<String, String> moved = new java.util.HashMap<>(env);
        moved.put("RIDEOPS_STACK_PORT_OFFSET", "1000");
        Executables monitoring = installed("prometheus", "alertmanager");

        StackSpec base = StackSpecs.from(config(env), layout, () -> 0, 2, monitoring);
        StackSpec shifted = StackSpecs.from(config(moved), layout, () -> 0, 2, monitoring);

        List<StackSpec.PortUse> before = base.ports();
        List<StackSpec.PortUse> after = shifted.ports();
        // 21, and the JMX exporter agents of three brokers, Connect and the search node
        assertThat(after).hasSameSizeAs(before).hasSize(26);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).port())
                    .as(after.get(i).purpose())
                    .isEqualTo(before.get(i).port() + 1000);
        }
        assertThat(shifted.monitoring().exporterPort())
                .isEqualTo(base.monitoring().exporterPort() + 1000);
        assertThat(shifted.kafkaBootstrapServers()).isEqualTo("127.0.0.1:10092,127.0.0.1:10093,127.0.0.1:10094");
        assertThat(shifted.flink().metricsPorts()).containsExactly(10249, 10250, 10251);
        assertThat(shifted.jmxTargets())
                .extracting(StackSpec.JmxTarget::port)
                .containsExactly(10404, 10405, 10406, 10407, 10408);
        assertThat(shifted.kafka().heapMb()).isEqualTo(base.kafka().heapMb());
        Endpoints endpoints = Endpoints.from(config(moved), shifted);
        assertThat(endpoints.reportingJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:6433/reporting_db");
        assertThat(endpoints.flinkUrl()).isEqualTo("https://127.0.0.1:9081");
        assertThat(endpoints.prometheusUrl()).isEqualTo("http://127.0.0.1:10090");
    }

    @Test
    void theServicesNativePropertiesReachTheSpec() throws Exception {
        Files.writeString(dir.resolve("rideops.yaml"), """
                kafka:
                  properties:
                    num.io.threads: 16
                postgres:
                  settings:
                    work_mem: 8MB
                """);
        RideopsConfig config = new ConfigLoader(Map.of(), dir, dir.resolve("user")).load(Optional.empty(), List.of());

        StackSpec spec = StackSpecs.from(config, new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 2, NO_TOOLS);

        assertThat(spec.nativeProperties().kafka()).containsExactly(Map.entry("num.io.threads", "16"));
        assertThat(spec.nativeProperties().postgres()).containsExactly(Map.entry("work_mem", "8MB"));
        assertThat(spec.nativeProperties().flink()).isEmpty();
    }
}
