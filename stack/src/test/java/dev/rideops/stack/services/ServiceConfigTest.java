package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.kafka.KafkaUsers;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        KafkaBroker broker = broker(null); // anonymous

        assertThat(broker.properties())
                .containsEntry("log.retention.hours", 72)
                .containsEntry("log.retention.bytes", 1L << 30)
                .containsEntry("log.segment.bytes", 128L << 20)
                .containsEntry("log.roll.hours", 9)
                .containsEntry("compression.type", "lz4");
    }

    @Test
    void aProxyPortGivesEachBrokerAListenerThatAdvertisesItsProxyAndTakesTheSameLogin() {
        KafkaBroker second = broker(home, 1, 3, Map.of(), 19092, security("admin-secret-1"));

        assertThat(second.properties())
                .containsEntry(
                        "listeners", "CLIENT://127.0.0.1:9093,CONTROLLER://127.0.0.1:29093,PROXIED://127.0.0.1:19096")
                .containsEntry("advertised.listeners", "CLIENT://127.0.0.1:9093,PROXIED://127.0.0.1:19093")
                .containsEntry(
                        "listener.security.protocol.map",
                        "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,PROXIED:SASL_PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "CLIENT")
                // three nodes: a lost one is fenced, and its partitions led elsewhere, within 5 s
                .containsEntry("broker.session.timeout.ms", 5000)
                .containsEntry("replica.lag.time.max.ms", 10000);
        StackSpec.Kafka kafka = new StackSpec.Kafka(
                3,
                9092,
                29092,
                512,
                72,
                1024,
                "lz4",
                19092,
                StackSpec.Kafka.DEFAULT_SASL_MECHANISM,
                KafkaUsers.defaults());
        assertThat(kafka.proxiedBootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        assertThat(kafka.proxiedListenerPort(1)).isEqualTo(19096);
    }

    @Test
    void nothingIsAnonymousClientsLogInWithScramControllersWithPlainAndOnlyTheAdminIsSuper() {
        KafkaBroker broker = broker(security("admin-secret-1"));

        Map<String, Object> properties = broker.properties();

        assertThat(properties)
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .containsEntry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN")
                .containsEntry("sasl.mechanism.controller.protocol", "PLAIN")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", false)
                .containsEntry("super.users", "User:admin");
        assertThat(properties.get("listener.security.protocol.map").toString()).doesNotContain(":PLAINTEXT");
        assertThat(properties.values()).noneMatch(v -> v.toString().contains("admin-secret-1"));
    }

    @Test
    void theBrokersJaasFileIsASecretAndTheCommandLineNamesItOnly() throws IOException {
        KafkaBroker broker = broker(security("admin-secret-1"));
        ServiceDirs dirs = ServiceDirs.of(home, "kafka-1").create();
        // formatted already: no storage tool here
        Files.createDirectories(dirs.data());
        Files.writeString(dirs.data().resolve("meta.properties"), "");

        broker.prepare();
        List<String> command = broker.command();

        // the broker's own copy, in its conf, not in the home's secrets (its user could not read those)
        Path jaas = home.resolve("services/kafka-1/conf").resolve(KafkaBroker.JAAS_FILE);
        assertThat(home.resolve("secrets").resolve(KafkaBroker.JAAS_FILE)).doesNotExist();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(jaas)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(jaas))
                .contains("KafkaServer {\n  org.apache.kafka.common.security.scram.ScramLoginModule required")
                .contains("controller.KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule")
                .contains("username=\"admin\"")
                .contains("password=\"admin-secret-1\"")
                .contains("user_admin=\"admin-secret-1\";");
        assertThat(command).contains("-Djava.security.auth.login.config=" + jaas);
        assertThat(String.join(" ", command)).doesNotContain("admin-secret-1");
        assertThat(Files.readString(home.resolve("services/kafka-1/conf/server.properties")))
                .doesNotContain("admin-secret-1");
    }

    @Test
    void theAdminsScramCredentialIsFormattedInAndRefusesWhatTheStorageToolWouldSplit() {
        assertThat(KafkaBroker.scramArgument(security("Ab_9-x")))
                .isEqualTo("SCRAM-SHA-512=[name=admin,password=Ab_9-x]");
        assertThatThrownBy(() -> KafkaBroker.scramArgument(security("a,b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commas")
                .hasMessageNotContaining("a,b");
    }

    @Test
    void asRootEachServicesSecretFilesBelongToItsUserAloneAndTheHomesSecretsStayRideopss() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getProperty("user.name").equals("root"), "only root gives files to another user");
        dev.rideops.stack.os.ServerUser nobody = dev.rideops.stack.os.ServerUser.named(true, "nobody");
        KafkaBroker broker = broker(security("admin-secret-1"));
        broker.runAs(nobody);
        ServiceDirs kafka = ServiceDirs.of(home, "kafka-1").create();
        Files.createDirectories(kafka.data());
        Files.writeString(kafka.data().resolve("meta.properties"), "");
        broker.prepare();

        ServiceDirs connectDirs = ServiceDirs.of(home, "connect").create();
        ConnectWorker connect = new ConnectWorker(
                        connectDirs,
                        8083,
                        "127.0.0.1:9092",
                        1,
                        512,
                        "lz4",
                        home.resolve("lib"),
                        home.resolve("plugins"),
                        ConnectWorker.secretsDir(connectDirs),
                        () -> new BasicAuth("rideops", "rest-pw"),
                        LOGS)
                .withKafkaLogin(new ConnectWorker.KafkaLogin("SCRAM-SHA-512", "connect", () -> "connect-secret-3"));
        connect.runAs(nobody);
        connect.prepare();

        for (Path secret : List.of(
                broker.jaasFile(),
                connect.restUsers(),
                ConnectWorker.secretsDir(connectDirs).resolve(ConnectWorker.KAFKA_PASSWORD_FILE))) {
            assertThat(Files.getOwner(secret).getName()).as(secret.toString()).isEqualTo("nobody");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                    .as(secret.toString())
                    .isEqualTo("rw-------");
        }
        // the worker's secrets directory is root's: its user passes through it, cannot list or change it
        Path connectSecrets = ConnectWorker.secretsDir(connectDirs);
        assertThat(Files.getOwner(connectSecrets).getName()).isEqualTo("root");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(connectSecrets)))
                .isEqualTo("rwx--x--x");
        assertThat(connect.properties()).containsEntry("config.providers.file.param.allowed.paths", connectSecrets);
        assertThat(home.resolve("secrets")).doesNotExist();
    }

    private KafkaBroker broker(KafkaBroker.Security security) {
        return broker(home, security, 0);
    }

    /** kafka-1 of a one-broker stack in {@code home}; {@code proxyPort} 0 for none. */
    static KafkaBroker broker(Path home, KafkaBroker.Security security, int proxyPort) {
        return broker(home, 0, 1, Map.of(), proxyPort, security);
    }

    /** Broker {@code index} (from 0) of {@code brokers} in {@code home}, with the user's own Kafka properties. */
    private static KafkaBroker broker(
            Path home,
            int index,
            int brokers,
            Map<String, String> userProperties,
            int proxyPort,
            KafkaBroker.Security security) {
        return new KafkaBroker(
                ServiceDirs.of(home, "kafka-" + (index + 1)),
                index,
                brokers,
                9092,
                29092,
                512,
                new KafkaRetention(72, 1L << 30, "lz4"),
                userProperties,
                home.resolve("lib"),
                home.resolve("services/kafka-cluster-id"),
                LOGS,
                proxyPort,
                security);
    }

    private KafkaBroker.Security security(String adminPassword) {
        return new KafkaBroker.Security("SCRAM-SHA-512", "admin", () -> adminPassword, new Secrets(home));
    }

    @Test
    void withoutAProxyPortABrokerHasOnlyItsPlainListener() {
        KafkaBroker broker = broker(null); // anonymous

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
        // batched for the broker's sake: a few larger produce requests instead of many small ones
        assertThat(connect.properties())
                .containsEntry("producer.linger.ms", 20)
                .containsEntry("producer.batch.size", 65536);
    }

    @Test
    void connectGivesUpOnADeadLeaderSoonerWhenAnotherBrokerCanTakeOver() throws IOException {
        Map<String, Object> one = connectWorker(1).properties();
        Map<String, Object> three = connectWorker(3).properties();

        for (String prefix : List.of("", "producer.", "consumer.")) {
            assertThat(one).containsEntry(prefix + "request.timeout.ms", 10000);
            assertThat(three).containsEntry(prefix + "request.timeout.ms", 5000);
        }
        for (String prefix : List.of("", "consumer.")) {
            assertThat(one).containsEntry(prefix + "default.api.timeout.ms", 15000);
            assertThat(three).containsEntry(prefix + "default.api.timeout.ms", 6000);
        }
    }

    @Test
    void theOneConnectWorkerTakesItsConnectorBackAtOnceAfterLosingTheGroup() throws IOException {
        // Connect's default 300000 waited 5 minutes for the worker's own old member id after a paused broker
        assertThat(connectWorker(1).properties()).containsEntry("scheduled.rebalance.max.delay.ms", 0);
    }

    private ConnectWorker connectWorker(int replication) throws IOException {
        return connectWorker(home, replication);
    }

    /** The Connect worker of a stack in {@code home} whose topics have {@code replication} replicas. */
    static ConnectWorker connectWorker(Path home, int replication) throws IOException {
        return new ConnectWorker(
                ServiceDirs.of(home, "connect").create(),
                8083,
                "127.0.0.1:9092",
                replication,
                512,
                "lz4",
                home.resolve("lib"),
                home.resolve("plugins"),
                home.resolve("secrets"),
                () -> new BasicAuth("rideops", "rest-pw"),
                LOGS);
    }

    @Test
    void theAvroConverterIsAPluginBesideDebeziumsOnlyWhenAsked() throws IOException {
        assertThat(connectWorker(1).properties())
                .containsEntry("plugin.path", home.resolve("plugins").toString());

        ConnectWorker avro = connectWorker(1).withAvroConverter(home.resolve("converter"));

        assertThat(avro.properties())
                .containsEntry("plugin.path", home.resolve("plugins") + "," + home.resolve("converter"))
                // the worker's own converters stay JSON: the connector's config names the Avro one
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    }

    @Test
    void connectAndItsConnectorsLogInToKafkaWithAPasswordTheFileProviderReadsFromTheSecrets() throws IOException {
        ConnectWorker connect = connectWorker(1)
                .withKafkaLogin(new ConnectWorker.KafkaLogin("SCRAM-SHA-512", "connect", () -> "connect-secret-3"));

        connect.prepare();

        Path secret = home.resolve("secrets").resolve(ConnectWorker.KAFKA_PASSWORD_FILE);
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"connect\" "
                + "password=\"${file:" + secret + ":password}\";";
        for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            assertThat(connect.properties())
                    .containsEntry(prefix + "security.protocol", "SASL_PLAINTEXT")
                    .containsEntry(prefix + "sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry(prefix + "sasl.jaas.config", jaas);
        }
        java.util.Properties stored = new java.util.Properties();
        try (var in = Files.newBufferedReader(secret)) {
            stored.load(in);
        }
        assertThat(stored.getProperty("password")).isEqualTo("connect-secret-3");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(ServiceDirs.of(home, "connect").conf().resolve("connect-distributed.properties")))
                .doesNotContain("connect-secret-3");
        // the REST API's basic auth stays beside the Kafka login: its own users file, not the Kafka password's
        assertThat(connect.properties()).containsEntry("rest.extension.classes", ConnectWorker.REST_EXTENSION);
        assertThat(Files.readString(connect.restUsers())).doesNotContain("connect-secret-3");
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
                home, home.resolve("lib"), 8081, 6123, 6124, List.of(9249, 9250), 2, 768, 1280, Map.of(), LOGS, null);
        FlinkTaskManager tm = new FlinkTaskManager(
                ServiceDirs.of(home, "flink-taskmanager-1"),
                1,
                flink,
                () -> "tm-secret-42",
                () -> "reader-7",
                () -> "search-writer-9",
                () -> "kafka-job-5",
                () -> "registry-job-3");

        assertThat(tm.environment())
                .containsEntry("RIDEOPS_REPORTING_PASSWORD", "tm-secret-42")
                .containsEntry("RIDEOPS_READER_PASSWORD", "reader-7")
                .containsEntry("RIDEOPS_SEARCH_WRITER_PASSWORD", "search-writer-9")
                .containsEntry("RIDEOPS_KAFKA_PASSWORD", "kafka-job-5")
                .containsEntry("RIDEOPS_REGISTRY_PASSWORD", "registry-job-3");
        // the Kafka source's enumerator runs in the JobManager: it logs in as the job too
        assertThat(new FlinkJobManager(ServiceDirs.of(home, "flink-jobmanager"), flink, () -> "kafka-job-5")
                        .environment())
                .containsEntry("RIDEOPS_KAFKA_PASSWORD", "kafka-job-5");
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
                        () -> "password",
                        OptionalInt.of(4096),
                        Map.of(),
                        Optional.empty(),
                        LOGS)
                .command();
        List<String> reporting = new PostgresService(
                        "reporting-db",
                        ServiceDirs.of(home, "reporting-db"),
                        install,
                        5433,
                        "reporting_db",
                        "user",
                        () -> "password",
                        OptionalInt.empty(),
                        Map.of(),
                        Optional.empty(),
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
        KafkaBroker broker = broker(home, 0, 1, Map.of("num.io.threads", "16", "log.retention.hours", "6"), 0, null);

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
                        () -> "password",
                        OptionalInt.of(4096),
                        Map.of("max_connections", "50"),
                        Optional.empty(),
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
