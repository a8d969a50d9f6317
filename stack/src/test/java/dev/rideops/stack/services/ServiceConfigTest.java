package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the services write into their configuration and command lines, checked without starting them. */
class ServiceConfigTest {

    private static final LogRotation LOGS = new LogRotation(50L << 20, 4);
    private static final StackSpec.SearchUsers USERS =
            new StackSpec.SearchUsers("elastic", "rideops_search_writer", "rideops_search_reader");
    private static final java.util.function.Function<String, String> PASSWORDS = name -> "pw-of-" + name;

    @TempDir
    Path home;

    @Test
    void brokersKeepRecordsForTheRetentionInSegmentsOfAnEighthAndCompressThem() {
        KafkaBroker broker = new KafkaBroker(
                ServiceDirs.of(home, "kafka-1"),
                0,
                1,
                9092,
                29092,
                512,
                new KafkaRetention(72, 1L << 30, "lz4"),
                Map.of(),
                home.resolve("lib"),
                home.resolve("services/kafka-cluster-id"),
                LOGS);

        assertThat(broker.properties())
                .containsEntry("log.retention.hours", 72)
                .containsEntry("log.retention.bytes", 1L << 30)
                .containsEntry("log.segment.bytes", 128L << 20)
                .containsEntry("log.roll.hours", 9)
                .containsEntry("compression.type", "lz4");
    }

    @Test
    void aProxyPortGivesEachBrokerAListenerThatAdvertisesItsProxyAndLeavesThePlainOneAlone() {
        KafkaBroker second = new KafkaBroker(
                ServiceDirs.of(home, "kafka-2"),
                1,
                3,
                9092,
                29092,
                512,
                new KafkaRetention(72, 1L << 30, "lz4"),
                Map.of(),
                home.resolve("lib"),
                home.resolve("services/kafka-cluster-id"),
                LOGS,
                19092);

        assertThat(second.properties())
                .containsEntry(
                        "listeners",
                        "PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:29093,PROXIED://127.0.0.1:19096")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9093,PROXIED://127.0.0.1:19093")
                .containsEntry(
                        "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                // three nodes: a lost one is fenced, and its partitions led elsewhere, within 5 s
                .containsEntry("broker.session.timeout.ms", 5000)
                .containsEntry("replica.lag.time.max.ms", 10000);
        StackSpec.Kafka kafka = new StackSpec.Kafka(3, 9092, 29092, 512, 72, 1024, "lz4", 19092);
        assertThat(kafka.proxiedBootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        assertThat(kafka.proxiedListenerPort(1)).isEqualTo(19096);
    }

    @Test
    void withoutAProxyPortABrokerHasOnlyItsPlainListener() {
        KafkaBroker broker = new KafkaBroker(
                ServiceDirs.of(home, "kafka-1"),
                0,
                1,
                9092,
                29092,
                512,
                new KafkaRetention(72, 1L << 30, "lz4"),
                Map.of(),
                home.resolve("lib"),
                home.resolve("services/kafka-cluster-id"),
                LOGS);

        assertThat(broker.properties())
                .doesNotContainKey("broker.session.timeout.ms")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:29092");
    }

    @Test
    void smallLimitsKeepSegmentsUsableAndNoneIsTheBrokersUncompressed() {
        assertThat(new KafkaRetention(4, 32L << 20, "none").brokerProperties())
                .containsEntry("log.segment.bytes", 16L << 20)
                .containsEntry("log.roll.hours", 1)
                .containsEntry("compression.type", "uncompressed");
    }

    @Test
    void connectSendsBatchesInTheBrokersCodec() {
        ConnectWorker connect = ConnectRestLoginTest.worker(home, "zstd", new BasicAuth("rideops", "pw"));

        assertThat(connect.properties()).containsEntry("producer.compression.type", "zstd");
    }

    @Test
    void connectorsReadTheirPasswordsFromTheSecretsDirectoryOnly() {
        ConnectWorker connect = ConnectRestLoginTest.worker(home, "lz4", new BasicAuth("rideops", "pw"));

        assertThat(connect.properties())
                .containsEntry("config.providers", "file")
                .containsEntry(
                        "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider")
                .containsEntry("config.providers.file.param.allowed.paths", home.resolve("secrets"));
    }

    @Test
    void theJobsMartPasswordReachesTheTaskManagerInItsEnvironmentNotItsCommandLine() throws IOException {
        FlinkCluster flink = new FlinkCluster(
                home, home.resolve("lib"), 8081, 6123, 6124, List.of(9249, 9250), 2, 768, 1280, Map.of(), LOGS);
        FlinkTaskManager tm = new FlinkTaskManager(
                ServiceDirs.of(home, "flink-taskmanager-1"),
                1,
                flink,
                () -> "tm-secret-42",
                () -> "reader-7",
                () -> "search-writer-9");

        assertThat(tm.environment())
                .containsEntry("RIDEOPS_REPORTING_PASSWORD", "tm-secret-42")
                .containsEntry("RIDEOPS_READER_PASSWORD", "reader-7")
                .containsEntry("RIDEOPS_SEARCH_WRITER_PASSWORD", "search-writer-9");
    }

    @Test
    void onlyTheSourceLimitsTheWalItsSlotsMayHold() {
        PostgresInstall install = new PostgresInstall(home, home.resolve("lib"), false);
        List<String> source = new PostgresService(
                        "source-db",
                        ServiceDirs.of(home, "source-db"),
                        install,
                        5432,
                        "ride_hailing_db",
                        "user",
                        "password",
                        OptionalInt.of(4096),
                        Map.of(),
                        LOGS)
                .command();
        List<String> reporting = new PostgresService(
                        "reporting-db",
                        ServiceDirs.of(home, "reporting-db"),
                        install,
                        5433,
                        "reporting_db",
                        "user",
                        "password",
                        OptionalInt.empty(),
                        Map.of(),
                        LOGS)
                .command();

        assertThat(source).containsSequence("-c", "max_slot_wal_keep_size=4096MB");
        assertThat(String.join(" ", reporting)).doesNotContain("max_slot_wal_keep_size");
    }

    @Test
    void jvmServicesRotateTheirLogBySizeKeepingTheNewestFirst() throws IOException {
        Path log = home.resolve("service.log");

        String config = Files.readString(Log4j2Config.write(home.resolve("conf"), log, LOGS, "kafka.log"));

        assertThat(config)
                .contains("appender.file.type = RollingFile")
                .contains("appender.file.fileName = " + log + "\n")
                .contains("appender.file.filePattern = " + log + ".%i\n")
                .contains("appender.file.policies.size.size = " + (50L << 20) + "\n")
                .contains("appender.file.strategy.max = 4\n")
                .contains("appender.file.strategy.fileIndex = min\n")
                .contains("rootLogger.appenderRef.file.ref = FILE")
                .contains("logger.q0.name = kafka.log")
                .doesNotContain("Console");
    }

    @Test
    void theSearchNodeGetsOurLogConfigWhereItsRunnerLooks() throws IOException {
        ServiceDirs dirs = ServiceDirs.of(home, "search").create();
        SearchNode node = new SearchNode(
                dirs, 9200, 9300, 512, Map.of(), home.resolve("lib"), home.resolve("classes"), USERS, PASSWORDS, LOGS);

        node.prepare();

        assertThat(dirs.data().resolve("node_1/config/log4j2.properties"))
                .content()
                .contains("appender.file.fileName = " + dirs.log() + "\n");
    }

    @Test
    void theUsersKafkaPropertiesAreWrittenLastAndWin() {
        KafkaBroker broker = new KafkaBroker(
                ServiceDirs.of(home, "kafka-1"),
                0,
                1,
                9092,
                29092,
                512,
                new KafkaRetention(72, 1L << 30, "lz4"),
                Map.of("num.io.threads", "16", "log.retention.hours", "6"),
                home.resolve("lib"),
                home.resolve("services/kafka-cluster-id"),
                LOGS);

        Map<String, Object> properties = broker.properties();

        assertThat(properties).containsEntry("num.io.threads", "16").containsEntry("log.retention.hours", "6");
        assertThat(List.copyOf(properties.keySet())).endsWith("num.io.threads").contains("listeners", "node.id");
    }

    @Test
    void theUsersPostgresSettingsComeAfterOursSoPostgresTakesThem() {
        List<String> command = new PostgresService(
                        "source-db",
                        ServiceDirs.of(home, "source-db"),
                        new PostgresInstall(home, home.resolve("lib"), false),
                        5432,
                        "ride_hailing_db",
                        "user",
                        "password",
                        OptionalInt.of(4096),
                        Map.of("max_connections", "50"),
                        LOGS)
                .command();

        assertThat(command).containsSequence("-c", "max_connections=200");
        assertThat(command.lastIndexOf("max_connections=50")).isGreaterThan(command.indexOf("max_connections=200"));
    }

    @Test
    void theUsersSearchSettingsReachTheNodeThroughItsSettingsFile() throws IOException {
        ServiceDirs dirs = ServiceDirs.of(home, "search").create();
        SearchNode node = new SearchNode(
                dirs,
                9200,
                9300,
                512,
                Map.of("indices.query.bool.max_clause_count", "4096"),
                home.resolve("lib"),
                home.resolve("classes"),
                USERS,
                PASSWORDS,
                LOGS);

        node.prepare();

        assertThat(node.command())
                .containsSequence("--settings-file", node.settingsFile().toString());
        assertThat(node.settingsFile()).content().contains("indices.query.bool.max_clause_count=4096\n");
    }

    @Test
    void theSearchNodesUsersFileHoldsHashesOnlyAndOnlyItsOwnerReadsIt() throws IOException {
        ServiceDirs dirs = ServiceDirs.of(home, "search").create();
        SearchNode node = new SearchNode(
                dirs, 9200, 9300, 512, Map.of(), home.resolve("lib"), home.resolve("classes"), USERS, PASSWORDS, LOGS);

        node.prepare();

        assertThat(node.command())
                .containsSequence("--users-file", node.usersFile().toString());
        assertThat(String.join(" ", node.command())).doesNotContain("pw-of-");
        assertThat(java.nio.file.Files.getPosixFilePermissions(node.usersFile()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(node.usersFile())
                .content()
                .doesNotContain("pw-of-")
                .containsPattern("(?m)^elastic admin pbkdf2-sha256\\$20000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}$")
                .containsPattern("(?m)^rideops_search_writer writer pbkdf2-sha256\\$")
                .containsPattern("(?m)^rideops_search_reader reader pbkdf2-sha256\\$");
    }
}
