package dev.rideops.cli.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.LoginRefusedException;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.contract.CdcAvro;
import dev.rideops.contract.CdcContract;
import dev.rideops.contract.Offsets;
import dev.rideops.contract.PostgresTls;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No password reaches a process's command line, the job's arguments or the connector config Connect returns. */
class PipelineSecretsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig config(Map<String, String> env, FlagValue... flags) {
        return new ConfigLoader(env, work, user)
                .load(Optional.empty(), List.of(flags))
                .withGeneratedSecrets();
    }

    private PipelineDeployment deployment(RideopsConfig config) {
        StackSpec spec = StackSpecs.from(config, new RuntimeLayout(work), () -> 0, 2, new Executables(""));
        // as the user rideops runs as: as root, services' files and users are StackTest's and ServiceConfigTest's
        return new PipelineDeployment(config, spec, new PrintWriter(new StringWriter()), false);
    }

    @Test
    void theJobsArgumentsHoldNoPassword() {
        RideopsConfig config = config(Map.of("RIDEOPS_SEARCH_USER", "elastic", "ELASTIC_PASSWORD", "search-s3cret"));

        List<String> args = deployment(config).programArgs(Offsets.COMMITTED, Map.of());

        assertThat(String.join(" ", args))
                .doesNotContain(config.get(Setting.REPORTING_PASSWORD))
                .doesNotContain("search-s3cret")
                .doesNotContain("password ")
                .contains("--reporting.user rideops_mart")
                // the local node's job logs in as its writer, not as the admin
                .contains("--search.user rideops_search_writer");
    }

    @Test
    void theJobLogsInToKafkaAsItsOwnUserWithItsPasswordNeverAnArgument() {
        RideopsConfig config = config(Map.of());

        List<String> args = deployment(config).programArgs(Offsets.COMMITTED, Map.of());

        assertThat(args)
                .containsSequence("--kafka.security-protocol", "SASL_PLAINTEXT")
                .containsSequence("--kafka.sasl-mechanism", "SCRAM-SHA-512")
                .containsSequence("--kafka.user", "rideops-job")
                .doesNotContain("--kafka.password-file");
        assertThat(String.join(" ", args))
                .doesNotContain(config.get(Setting.KAFKA_JOB_PASSWORD))
                .doesNotContain(config.get(Setting.KAFKA_PASSWORD));
    }

    @Test
    void aPlaintextRemoteKafkaGetsNoLoginAndAFileIsNamedForASecuredOne() {
        assertThat(deployment(config(Map.of("RIDEOPS_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--kafka.security-protocol", "PLAINTEXT")
                .doesNotContain("--kafka.user", "--kafka.sasl-mechanism");
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "RIDEOPS_JOB_KAFKA_PASSWORD_FILE", "/run/secrets/kafka")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--kafka.security-protocol", "SASL_SSL")
                .containsSequence("--kafka.password-file", "/run/secrets/kafka");
    }

    @Test
    void withTlsTheJobVerifiesTheBrokersAgainstTheCaFileItsArgumentsNameAndWithoutItGetsNone() {
        RideopsConfig tls = config(Map.of(), new FlagValue(Setting.SECURITY_TLS, "true", "--tls"));
        String ca = dev.rideops.stack.Stack.caCertificate(tls.home(), tls.rootsStack())
                .toString();

        assertThat(deployment(tls).programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--kafka.security-protocol", "SASL_SSL")
                .containsSequence("--kafka.user", "rideops-job")
                .containsSequence("--kafka.ssl-ca", ca);
        assertThat(deployment(config(Map.of())).programArgs(Offsets.COMMITTED, Map.of()))
                .doesNotContain("--kafka.ssl-ca");
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "RIDEOPS_KAFKA_SSL_CA", "/etc/ssl/kafka-ca.pem")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--kafka.ssl-ca", "/etc/ssl/kafka-ca.pem");
    }

    @Test
    void withTlsTheJobsSearchSinkGetsTheHttpsNodeAndTheCaFileAndWithoutItPlainHttpAsBefore() {
        RideopsConfig tls = config(Map.of(), new FlagValue(Setting.SECURITY_TLS, "true", "--tls"));
        String ca = dev.rideops.stack.Stack.caCertificate(tls.home(), tls.rootsStack())
                .toString();

        assertThat(deployment(tls).programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--search.url", "https://127.0.0.1:9200")
                .containsSequence("--search.ssl-ca", ca);
        assertThat(deployment(config(Map.of())).programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--search.url", "http://127.0.0.1:9200")
                .doesNotContain("--search.ssl-ca");
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_SEARCH_URL", "https://search.example:9200",
                                "RIDEOPS_SEARCH_SSL_CA", "/etc/ssl/search-ca.pem")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--search.ssl-ca", "/etc/ssl/search-ca.pem");
        assertThat(deployment(config(Map.of("RIDEOPS_SEARCH_URL", "https://search.example:9200")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .as("a remote https node without a CA named: the JVM's CAs")
                .doesNotContain("--search.ssl-ca");
    }

    @Test
    void aRemoteClusterGetsThePathsOfItsPasswordFiles() {
        RideopsConfig config = config(Map.of(
                "RIDEOPS_SEARCH_URL", "https://search.example:9200",
                "RIDEOPS_SEARCH_USER", "ops",
                "RIDEOPS_JOB_REPORTING_PASSWORD_FILE", "/run/secrets/mart",
                "RIDEOPS_JOB_SEARCH_PASSWORD_FILE", "/run/secrets/search"));

        assertThat(deployment(config).programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--reporting.password-file", "/run/secrets/mart")
                .containsSequence("--search.password-file", "/run/secrets/search")
                // a remote node knows no rideops_search_writer unless the user names one: search.user, as before
                .containsSequence("--search.user", "ops");
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_SEARCH_URL", "https://search.example:9200",
                                "RIDEOPS_SEARCH_WRITER_USER", "pipeline")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--search.user", "pipeline");
    }

    @Test
    void avroChangeEventsGoThroughTheLocalRegistryOrTheConfiguredOne() {
        CdcConnector.Source source =
                new CdcConnector.Source("localhost", 5432, "ride_hailing_db", "rideops_cdc", "ref", PostgresTls.NONE);

        assertThat(deployment(config(Map.of())).connectorConfig(source)).doesNotContainKey("value.converter");
        assertThat(deployment(config(Map.of("RIDEOPS_CDC_FORMAT", "avro"))).connectorConfig(source))
                .containsEntry("value.converter", CdcAvro.CONVERTER)
                .containsEntry("value.converter.apicurio.registry.url", "http://127.0.0.1:8080/apis/registry/v2")
                .containsEntry("database.user", "rideops_cdc");
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_CDC_FORMAT", "avro",
                                "RIDEOPS_REGISTRY_URL", "https://schemas.example/apis/registry/v3")))
                        .connectorConfig(source))
                .containsEntry("value.converter.apicurio.registry.url", "https://schemas.example/apis/registry/v2");
        assertThat(deployment(config(Map.of("RIDEOPS_CDC_FORMAT", "avro"))).programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--registry.url", "http://127.0.0.1:8080/apis/registry/v3");
        assertThat(deployment(config(Map.of())).programArgs(Offsets.COMMITTED, Map.of()))
                .doesNotContain("--registry.url");
    }

    @Test
    void withTlsTheConverterAndTheJobReachTheLocalRegistryOverHttpsVerifyingItAgainstTheCaFile() {
        RideopsConfig tls =
                config(Map.of("RIDEOPS_CDC_FORMAT", "avro"), new FlagValue(Setting.SECURITY_TLS, "true", "--tls"));
        String ca = dev.rideops.stack.Stack.caCertificate(tls.home(), tls.rootsStack())
                .toString();
        CdcConnector.Source source =
                new CdcConnector.Source("localhost", 5432, "ride_hailing_db", "rideops_cdc", "ref", PostgresTls.NONE);

        assertThat(deployment(tls).connectorConfig(source))
                .containsEntry("value.converter.apicurio.registry.url", "https://127.0.0.1:8080/apis/registry/v2")
                .containsEntry(CdcAvro.CA_FILE, ca);
        assertThat(deployment(tls).programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--registry.url", "https://127.0.0.1:8080/apis/registry/v3")
                .containsSequence("--registry.ssl-ca", ca);
        RideopsConfig plain = config(Map.of("RIDEOPS_CDC_FORMAT", "avro"));
        assertThat(deployment(plain).connectorConfig(source)).doesNotContainKey(CdcAvro.CA_FILE);
        assertThat(deployment(plain).programArgs(Offsets.COMMITTED, Map.of())).doesNotContain("--registry.ssl-ca");
        RideopsConfig remote = config(Map.of(
                "RIDEOPS_CDC_FORMAT", "avro",
                "RIDEOPS_REGISTRY_URL", "https://schemas.example/apis/registry/v3",
                "RIDEOPS_REGISTRY_SSL_CA", "/etc/ssl/registry-ca.pem"));
        assertThat(deployment(remote).connectorConfig(source))
                .containsEntry(CdcAvro.CA_FILE, "/etc/ssl/registry-ca.pem");
        assertThat(deployment(remote).programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--registry.ssl-ca", "/etc/ssl/registry-ca.pem");
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_CDC_FORMAT", "avro",
                                "RIDEOPS_REGISTRY_URL", "https://schemas.example/apis/registry/v3")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .as("a remote https registry without a CA named: the JVM's CAs")
                .doesNotContain("--registry.ssl-ca");
    }

    @Test
    void avroClientsLogInToTheRegistryAsTheirOwnUsersWithNoPasswordInConfigOrArguments() throws Exception {
        CdcConnector.Source source =
                new CdcConnector.Source("localhost", 5432, "ride_hailing_db", "rideops_cdc", "ref", PostgresTls.NONE);
        RideopsConfig config = config(Map.of("RIDEOPS_CDC_FORMAT", "avro"));
        String connectPassword = config.get(Setting.REGISTRY_CONNECT_PASSWORD);
        PipelineDeployment deployment = deployment(config);

        Map<String, String> connector = deployment.connectorConfig(source);
        List<String> args = deployment.programArgs(Offsets.COMMITTED, Map.of());

        Path file = user.resolve(".rideops/services/connect/conf/secrets/registry.properties");
        assertThat(connector)
                .containsEntry("value.converter.apicurio.auth.username", "registry-connect")
                .containsEntry("value.converter.apicurio.auth.password", "${file:" + file + ":password}");
        assertThat(connector.toString()).doesNotContain(connectPassword);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Properties stored = new Properties();
        stored.load(new StringReader(Files.readString(file)));
        assertThat(stored.getProperty("password")).isEqualTo(connectPassword);
        assertThat(args).containsSequence("--registry.user", "registry-job").doesNotContain("--registry.password-file");
        assertThat(String.join(" ", args)).doesNotContain(config.get(Setting.REGISTRY_JOB_PASSWORD));
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_CDC_FORMAT", "avro",
                                "RIDEOPS_JOB_REGISTRY_PASSWORD_FILE", "/run/secrets/registry")))
                        .programArgs(Offsets.COMMITTED, Map.of()))
                .containsSequence("--registry.password-file", "/run/secrets/registry");
        // a registry without authentication: empty logins, and nothing is sent
        PipelineDeployment anonymous = deployment(config(Map.of(
                "RIDEOPS_CDC_FORMAT", "avro",
                "RIDEOPS_REGISTRY_URL", "https://schemas.example/apis/registry/v3",
                "RIDEOPS_REGISTRY_CONNECT_USER", "",
                "RIDEOPS_REGISTRY_JOB_USER", "")));
        assertThat(anonymous.connectorConfig(source).keySet()).noneMatch(key -> key.contains("auth"));
        assertThat(anonymous.programArgs(Offsets.COMMITTED, Map.of())).doesNotContain("--registry.user");
    }

    @Test
    void aRemoteWorkerWithARegistryPasswordFileGetsItsReferenceAndOtherwiseThePassword() {
        CdcConnector.Source source =
                new CdcConnector.Source("source-db", 5432, "ride_hailing_db", "rideops_cdc", "ref", PostgresTls.NONE);
        Map<String, String> remote = Map.of(
                "RIDEOPS_CDC_FORMAT", "avro",
                "RIDEOPS_CONNECT_URL", "http://localhost:8083",
                "RIDEOPS_REGISTRY_URL", "http://schema-registry:8080/apis/registry/v3",
                "RIDEOPS_REGISTRY_CONNECT_PASSWORD", "registry-s3cret");

        Map<String, String> withFile = new java.util.HashMap<>(remote);
        withFile.put("RIDEOPS_CONNECTOR_REGISTRY_PASSWORD_FILE", "/tmp/rideops/registry.properties");
        assertThat(deployment(config(withFile)).connectorConfig(source))
                .containsEntry("value.converter.apicurio.auth.username", "registry-connect")
                .containsEntry(
                        "value.converter.apicurio.auth.password", "${file:/tmp/rideops/registry.properties:password}")
                .containsEntry("value.converter.apicurio.registry.url", "http://schema-registry:8080/apis/registry/v2");
        // a remote worker without a config provider can only be given the password itself
        assertThat(deployment(config(remote)).connectorConfig(source))
                .containsEntry("value.converter.apicurio.auth.password", "registry-s3cret");
    }

    @Test
    void deployTriesEachRegistryLoginOnTheLocalRegistryFirstAndARefusalIsOneLineNamingThePassword() throws Exception {
        HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> asked = new CopyOnWriteArrayList<>();
        RideopsConfig config = config(Map.of(
                "RIDEOPS_CDC_FORMAT", "avro",
                "RIDEOPS_REGISTRY_PORT", Integer.toString(registry.getAddress().getPort()),
                "RIDEOPS_REGISTRY_JOB_PASSWORD", "job-now"));
        String started = "Basic " + Base64.getEncoder().encodeToString("registry-job:job-then".getBytes(UTF_8));
        String connect = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                ("registry-connect:" + config.get(Setting.REGISTRY_CONNECT_PASSWORD)).getBytes(UTF_8));
        registry.createContext("/", exchange -> {
            String login = exchange.getRequestHeaders().getFirst("Authorization");
            asked.add(exchange.getRequestURI().toString());
            int status = started.equals(login) || connect.equals(login) ? 200 : 401;
            byte[] body = "{\"groups\":[],\"count\":0}".getBytes(UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            PipelineDeployment deployment = deployment(config);

            deployment.checkRegistryLogin(Setting.REGISTRY_CONNECT_USER, Setting.REGISTRY_CONNECT_PASSWORD);

            // the registry still knows the job's password from before registry.job-password changed
            assertThatThrownBy(() ->
                            deployment.checkRegistryLogin(Setting.REGISTRY_JOB_USER, Setting.REGISTRY_JOB_PASSWORD))
                    .isInstanceOf(LoginRefusedException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining("job-now")
                    .satisfies(e -> assertThat(((LoginRefusedException) e).fix())
                            .contains("set registry.job-password (RIDEOPS_REGISTRY_JOB_PASSWORD)")
                            .contains("'registry-job'")
                            .contains("rideops restart registry"));
            assertThat(asked).containsOnly("/apis/registry/v3" + PipelineDeployment.REGISTRY_READ);
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void avroWithARemoteConnectButNoRegistryUrlIsOneLineNamingTheSetting() {
        CdcConnector.Source source =
                new CdcConnector.Source("db.example", 5432, "ride_hailing_db", "rideops_cdc", "ref", PostgresTls.NONE);
        PipelineDeployment remote = deployment(
                config(Map.of("RIDEOPS_CDC_FORMAT", "avro", "RIDEOPS_CONNECT_URL", "http://connect.example:8083")));

        assertThatThrownBy(() -> remote.connectorConfig(source))
                .isInstanceOf(UsageException.class)
                .hasMessage(
                        "cdc.format avro needs registry.url with a remote connect.url (http://connect.example:8083):"
                                + " the local registry listens on 127.0.0.1 only")
                .satisfies(e -> assertThat(((UsageException) e).fix()).startsWith("set registry.url"));
    }

    @Test
    void theLocalConnectorRefersToItsPasswordInAFileOnlyItsOwnerReads() throws Exception {
        RideopsConfig config = config(Map.of());
        String password = config.get(Setting.CONNECTOR_DATABASE_PASSWORD);

        String reference = deployment(config).connectorPassword();
        Map<String, String> connector = CdcConnector.config(
                new CdcConnector.Source(
                        "localhost", 5432, "ride_hailing_db", "rideops_cdc", reference, PostgresTls.NONE),
                1);

        // the local worker's own secrets, not the home's: as root only its user may read them
        Path file = user.resolve(".rideops/services/connect/conf/secrets/connector.properties");
        assertThat(reference).isEqualTo("${file:" + file + ":database.password}");
        assertThat(connector.toString()).doesNotContain(password);
        assertThat(connector)
                .containsEntry("database.user", "rideops_cdc")
                .containsEntry("publication.autocreate.mode", "disabled");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Properties stored = new Properties();
        stored.load(new StringReader(Files.readString(file)));
        assertThat(stored.getProperty("database.password")).isEqualTo(password);
    }

    @Test
    void aRemoteWorkerGetsItsOwnFilesReferenceOrElseThePassword() {
        assertThat(deployment(config(Map.of(
                                "RIDEOPS_CONNECT_URL", "http://connect:8083",
                                "RIDEOPS_CONNECTOR_PASSWORD_FILE", "/etc/kafka/cdc.properties")))
                        .connectorPassword())
                .isEqualTo("${file:/etc/kafka/cdc.properties:database.password}");
        RideopsConfig plain = config(Map.of("RIDEOPS_CONNECT_URL", "http://connect:8083"));
        assertThat(deployment(plain).connectorPassword()).isEqualTo(plain.get(Setting.CONNECTOR_DATABASE_PASSWORD));
    }

    @Test
    void eachRoleIsGrantedOnlyWhatItsJobNeeds() {
        List<String> tables = List.of("public.\"bookings\"", "public.\"cities\"", "public.\"riders\"");
        String signal = "public.\"debezium_signal\"";
        List<String> withSignal = new java.util.ArrayList<>(tables);
        withSignal.add(signal);

        List<String> source = DatabaseRoles.sourceGrants("ride_hailing_db", withSignal, "w", "cdc", "r");

        String all = String.join(", ", tables);
        String cdcTables = "GRANT SELECT ON " + String.join(", ", CdcContract.TABLES) + " TO \"cdc\"";
        String cdcSignal = "GRANT SELECT, INSERT ON " + signal + " TO \"cdc\"";
        assertThat(source)
                // the generator writes the application's tables, not Debezium's signals
                .contains("GRANT SELECT, INSERT, UPDATE, DELETE ON " + all + " TO \"w\"")
                .contains("GRANT SELECT ON " + String.join(", ", withSignal) + " TO \"r\"")
                .contains(cdcTables)
                // Debezium writes an incremental snapshot's window marks into its signal table
                .contains(cdcSignal)
                // the reader sees replication: the exporter's slot lag, verify's drain (pg_stat_replication)
                .contains("GRANT pg_monitor TO \"r\"");
        assertThat(source.stream().filter(g -> g.contains("pg_monitor"))).singleElement();
        assertThat(source.stream().filter(g -> g.endsWith("TO \"w\""))).noneMatch(g -> g.contains("debezium_signal"));
        assertThat(source.stream().filter(g -> g.endsWith("TO \"cdc\"")))
                .allMatch(g -> g.startsWith("GRANT CONNECT")
                        || g.startsWith("GRANT USAGE ON SCHEMA")
                        || g.equals(cdcTables)
                        || g.equals(cdcSignal));
        assertThat(source.stream().filter(g -> g.endsWith("TO \"r\"")))
                .noneMatch(g -> g.contains("INSERT") || g.contains("UPDATE") || g.contains("DELETE"));
        assertThat(String.join("\n", source)).doesNotContain("flyway").doesNotContain("TRUNCATE");

        List<String> reporting = DatabaseRoles.reportingGrants(
                "reporting_db",
                true,
                List.of("mart.\"fact_metric_bucket\""),
                List.of("mart.\"v_kpi_minute\""),
                "m",
                "r");
        assertThat(reporting)
                .contains("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON mart.\"fact_metric_bucket\" TO \"m\"")
                // the reader (dashboard, exporter, BI tools) reads the BI views too; the job does not need them
                .contains("GRANT SELECT ON mart.\"fact_metric_bucket\", mart.\"v_kpi_minute\" TO \"r\"");
        assertThat(reporting.stream().filter(g -> g.endsWith("TO \"m\""))).noneMatch(g -> g.contains("v_kpi"));
    }

    @Test
    void beforeTheMartsFirstMigrationItsRolesMayConnectAndNothingMore() {
        // 'up' makes the roles as soon as the databases run, even when no job jar brought the mart's schema yet
        List<String> reporting = DatabaseRoles.reportingGrants("reporting_db", false, List.of(), List.of(), "m", "r");

        assertThat(reporting)
                .contains("GRANT CONNECT ON DATABASE \"reporting_db\" TO \"m\"")
                .contains("GRANT CONNECT ON DATABASE \"reporting_db\" TO \"r\"")
                .noneMatch(g -> g.contains("mart"));
    }

    @Test
    void debeziumWritesNothingInItsSignalTableButTheInsertsItsGrantAllows() {
        Map<String, String> connector = CdcConnector.config(
                new CdcConnector.Source(
                        "localhost", 5432, "ride_hailing_db", "rideops_cdc", "secret", PostgresTls.NONE),
                1);

        // insert_delete would DELETE each window-open mark: rideops_cdc is granted SELECT and INSERT only
        assertThat(connector).containsEntry("incremental.snapshot.watermarking.strategy", "insert_insert");
    }

    @Test
    void thePublicationHoldsTheCapturedTablesAndTheSignalTable() {
        assertThat(DatabaseRoles.published()).containsAll(CdcContract.TABLES).contains(CdcContract.SIGNAL_TABLE);
        assertThat(DatabaseRoles.qualified(CdcContract.SIGNAL_TABLE)).isEqualTo("public.\"debezium_signal\"");
    }
}
