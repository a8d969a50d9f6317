package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.error.UsageException;
import dev.rideops.contract.MartRetention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig load(Map<String, String> env, FlagValue... flags) {
        return new ConfigLoader(env, work, user).load(Optional.empty(), List.of(flags));
    }

    @Test
    void defaultsApplyWhenNothingElseIsSet() {
        RideopsConfig config = load(Map.of());

        assertThat(config.get(Setting.SOURCE_PORT)).isEqualTo("5432");
        assertThat(config.get(Setting.REPORTING_DATABASE)).isEqualTo("reporting_db");
        assertThat(config.origin(Setting.SOURCE_PORT)).isEqualTo("default");
        assertThat(config.home()).isEqualTo(user.resolve(".rideops"));
        assertThat(config.file()).isEmpty();
    }

    @Test
    void theMartsRetentionNestsInTheFileAndDefaultsToTheContractsFigures() throws IOException {
        RideopsConfig defaults = load(Map.of());
        assertThat(defaults.intValue(Setting.MART_RETENTION_VERIFY_RUNS)).isEqualTo(MartRetention.DEFAULT_VERIFY_RUNS);
        assertThat(defaults.intValue(Setting.MART_RETENTION_COHORT_DAYS)).isEqualTo(MartRetention.DEFAULT_COHORT_DAYS);

        Files.writeString(work.resolve("rideops.yaml"), """
                mart:
                  retention: { verify-runs: 0, cohort-days: 90 }
                """);
        RideopsConfig config = load(Map.of("RIDEOPS_MART_RETENTION_COHORT_DAYS", "120"));
        assertThat(config.get(Setting.MART_RETENTION_VERIFY_RUNS))
                .as("0 keeps every run")
                .isEqualTo("0");
        assertThat(config.get(Setting.MART_RETENTION_COHORT_DAYS)).isEqualTo("120");
        assertThat(config.origin(Setting.MART_RETENTION_COHORT_DAYS))
                .isEqualTo("env RIDEOPS_MART_RETENTION_COHORT_DAYS");
    }

    @Test
    void eachLayerOverridesTheOneBefore() throws IOException {
        Files.writeString(work.resolve("rideops.yaml"), """
                source:
                  port: 6000
                  database: from_file
                reporting:
                  port: 6001
                kafka:
                  brokers: 1
                """);
        RideopsConfig config = load(
                Map.of("RIDEOPS_SOURCE_PORT", "7000", "RIDEOPS_REPORTING_PORT", "7001"),
                new FlagValue(Setting.SOURCE_PORT, "8000", "--set source.port"));

        assertThat(config.get(Setting.SOURCE_DATABASE)).isEqualTo("from_file");
        assertThat(config.origin(Setting.SOURCE_DATABASE)).startsWith("file ").endsWith("rideops.yaml");
        assertThat(config.get(Setting.REPORTING_PORT)).isEqualTo("7001");
        assertThat(config.origin(Setting.REPORTING_PORT)).isEqualTo("env RIDEOPS_REPORTING_PORT");
        assertThat(config.get(Setting.SOURCE_PORT)).isEqualTo("8000");
        assertThat(config.origin(Setting.SOURCE_PORT)).isEqualTo("flag --set source.port");
        assertThat(config.get(Setting.KAFKA_BROKERS)).isEqualTo("1");
        assertThat(config.get(Setting.FLINK_PORT)).isEqualTo("8081");
    }

    @Test
    void fileInHomeIsReadWhenTheWorkingDirectoryHasNone() throws IOException {
        Path home = user.resolve("elsewhere");
        Files.createDirectories(home);
        Files.writeString(home.resolve("rideops.yaml"), "flink:\n  port: 18081\n");

        RideopsConfig config = load(Map.of("RIDEOPS_HOME", home.toString()));

        assertThat(config.intValue(Setting.FLINK_PORT)).isEqualTo(18081);
        assertThat(config.file()).contains(home.resolve("rideops.yaml"));
        assertThat(config.origin(Setting.HOME)).isEqualTo("env RIDEOPS_HOME");
    }

    @Test
    void explicitFileMustExist() {
        ConfigLoader loader = new ConfigLoader(Map.of(), work, user);

        assertThatThrownBy(() -> loader.load(Optional.of(Path.of("missing.yaml")), List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("missing.yaml does not exist");
    }

    @Test
    void originalGeneratorVariablesAreAliasesThatRideopsVariablesOverride() {
        RideopsConfig aliasOnly = load(Map.of("GENERATOR_PGPORT", "6543", "GENERATOR_PGUSER", "gen"));
        assertThat(aliasOnly.get(Setting.SOURCE_PORT)).isEqualTo("6543");
        assertThat(aliasOnly.origin(Setting.SOURCE_PORT)).isEqualTo("env GENERATOR_PGPORT");
        assertThat(aliasOnly.get(Setting.SOURCE_USER)).isEqualTo("gen");

        RideopsConfig both = load(Map.of("GENERATOR_PGPORT", "6543", "RIDEOPS_SOURCE_PORT", "6544"));
        assertThat(both.get(Setting.SOURCE_PORT)).isEqualTo("6544");
    }

    @Test
    void elasticPasswordSetsTheSearchPassword() {
        assertThat(load(Map.of("ELASTIC_PASSWORD", "s3cret")).get(Setting.SEARCH_PASSWORD))
                .isEqualTo("s3cret");
    }

    @Test
    void invalidValueNamesTheSettingItsOriginAndWhatIsExpected() {
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_SOURCE_PORT", "abc")))
                .isInstanceOf(UsageException.class)
                .hasMessage("invalid value 'abc' for source.port (from env RIDEOPS_SOURCE_PORT)")
                .extracting(e -> ((UsageException) e).fix())
                .isEqualTo("expected a port number between 1 and 65535");
        assertThatThrownBy(() -> load(Map.of(), new FlagValue(Setting.KAFKA_BROKERS, "2", "--brokers")))
                .hasMessage("invalid value '2' for kafka.brokers (from flag --brokers)");
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_KAFKA_HEAP", "lots"))).hasMessageContaining("kafka.heap");
    }

    @Test
    void diskLimitsMustBeSizesOfAtLeastAMegabyteAndCodecsKafkaKnows() {
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_KAFKA_COMPRESSION", "brotli")))
                .hasMessage("invalid value 'brotli' for kafka.compression (from env RIDEOPS_KAFKA_COMPRESSION)")
                .extracting(e -> ((UsageException) e).fix())
                .isEqualTo("expected one of none, gzip, snappy, lz4, zstd");
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_LOGS_MAX_SIZE", "0m")))
                .hasMessageContaining("logs.max-size")
                .extracting(e -> ((UsageException) e).fix())
                .isEqualTo("expected a size such as 512m or 2g, at least 1m");
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_KAFKA_RETENTION_BYTES", "1tb")))
                .hasMessageContaining("kafka.retention-bytes");
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_SEARCH_TIMESERIES_RETENTION_DAYS", "0")))
                .hasMessageContaining("search.timeseries-retention-days");
        assertThat(load(Map.of("RIDEOPS_DISK_MIN_FREE", "5g")).bytes(Setting.DISK_MIN_FREE))
                .isEqualTo(5L << 30);
    }

    @Test
    void unknownKeyInFileIsRejectedWithTheKnownKeysNearby() throws IOException {
        Files.writeString(work.resolve("rideops.yaml"), "kafka:\n  brokerz: 3\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown setting 'kafka.brokerz'")
                .extracting(e -> ((UsageException) e).fix())
                .asString()
                .contains("kafka.brokers");
    }

    @Test
    void malformedYamlIsAUsageErrorWithTheLine() throws IOException {
        Files.writeString(work.resolve("rideops.yaml"), "source:\n  port: [5432\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is not valid YAML at line");
    }

    @Test
    void setFlagIsParsedIntoAKnownSetting() {
        FlagValue flag = ConfigLoader.parseSet("search.port=19200");

        assertThat(flag.setting()).isEqualTo(Setting.SEARCH_PORT);
        assertThat(flag.value()).isEqualTo("19200");
        assertThatThrownBy(() -> ConfigLoader.parseSet("nonsense")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> ConfigLoader.parseSet("search.prot=1"))
                .hasMessageContaining("unknown setting 'search.prot'");
    }

    @Test
    void everySettingHasAValidDefaultAndADistinctEnvironmentVariable() {
        for (Setting s : Setting.values()) {
            assertThat(s.type().check(s.defaultValue())).as(s.key()).isNull();
        }
        assertThat(List.of(Setting.values()).stream()
                        .map(Setting::envName)
                        .distinct()
                        .count())
                .isEqualTo(Setting.values().length);
        assertThat(Setting.SOURCE_PORT.envName()).isEqualTo("RIDEOPS_SOURCE_PORT");
        assertThat(Setting.KAFKA_CONTROLLER_PORT.envName()).isEqualTo("RIDEOPS_KAFKA_CONTROLLER_PORT");
    }

    @Test
    void eachServiceTakesItsOwnPropertiesNestedOrDottedInFileOrder() throws IOException {
        Files.writeString(work.resolve("rideops.yaml"), """
                kafka:
                  port: 19092
                  properties:
                    num.io.threads: 16
                    log:
                      cleaner:
                        threads: 2
                flink:
                  config:
                    taskmanager.network.memory.fraction: 0.2
                search:
                  settings:
                    indices.query.bool.max_clause_count: 4096
                postgres:
                  settings:
                    shared_buffers: 256MB
                    work_mem: 8MB
                """);

        RideopsConfig config = load(Map.of());

        assertThat(config.get(Setting.KAFKA_PORT)).isEqualTo("19092");
        assertThat(config.nativeValues(NativeSection.KAFKA))
                .containsExactly(Map.entry("num.io.threads", "16"), Map.entry("log.cleaner.threads", "2"));
        assertThat(config.nativeValues(NativeSection.FLINK))
                .containsExactly(Map.entry("taskmanager.network.memory.fraction", "0.2"));
        assertThat(config.nativeValues(NativeSection.SEARCH))
                .containsEntry("indices.query.bool.max_clause_count", "4096");
        assertThat(config.nativeValues(NativeSection.POSTGRES))
                .containsExactly(Map.entry("shared_buffers", "256MB"), Map.entry("work_mem", "8MB"));
        assertThat(config.nativeSettings(NativeSection.POSTGRES).get("work_mem").origin())
                .startsWith("file ");
    }

    /**
     * A native key is set like any setting: dotted in the file, by an environment variable and with --set, each
     * layer over the one before, every origin kept.
     */
    @Test
    void nativeKeysAreSetByTheFileTheEnvironmentAndSetLikeAnySetting() throws IOException {
        Files.writeString(work.resolve("rideops.yaml"), """
                kafka.properties.num.partitions: 2
                kafka:
                  properties.log.cleaner.threads: 2
                  properties:
                    num.io.threads: 4
                postgres:
                  settings:
                    work_mem: 8MB
                """);

        RideopsConfig config = load(
                Map.of(
                        "RIDEOPS_KAFKA_PROPERTIES_NUM_IO_THREADS", "6",
                        "RIDEOPS_POSTGRES_SETTINGS_SHARED__BUFFERS", "256MB",
                        "RIDEOPS_FLINK_CONFIG_taskmanager_numberOfTaskSlots", "2",
                        "RIDEOPS_SEARCH_SETTINGS_HTTP_MAX___CONTENT___LENGTH", "200mb"),
                ConfigLoader.parseSet("kafka.properties.num.partitions=3"),
                ConfigLoader.parseSet("flink.config.state.backend.type = rocksdb"));

        assertThat(config.nativeValues(NativeSection.KAFKA))
                .containsExactly(
                        Map.entry("num.io.threads", "6"),
                        Map.entry("num.partitions", "3"),
                        Map.entry("log.cleaner.threads", "2"));
        assertThat(config.nativeSettings(NativeSection.KAFKA)
                        .get("num.partitions")
                        .origin())
                .isEqualTo("flag --set kafka.properties.num.partitions");
        assertThat(config.nativeSettings(NativeSection.KAFKA)
                        .get("num.io.threads")
                        .origin())
                .isEqualTo("env RIDEOPS_KAFKA_PROPERTIES_NUM_IO_THREADS");
        assertThat(config.nativeSettings(NativeSection.KAFKA)
                        .get("log.cleaner.threads")
                        .origin())
                .startsWith("file ");
        assertThat(config.nativeValues(NativeSection.POSTGRES))
                .containsExactly(Map.entry("work_mem", "8MB"), Map.entry("shared_buffers", "256MB"));
        assertThat(config.nativeValues(NativeSection.FLINK))
                .containsExactly(
                        Map.entry("taskmanager.numberOfTaskSlots", "2"), Map.entry("state.backend.type", "rocksdb"));
        assertThat(config.nativeValues(NativeSection.SEARCH))
                .containsExactly(Map.entry("http.max-content-length", "200mb"));
    }

    @Test
    void aWholeNativeMapOrAnUnknownKeyInSetIsAUsageError() {
        assertThatThrownBy(() -> ConfigLoader.parseSet("kafka.properties=3"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("kafka.properties is a map of the service's own keys")
                .extracting(e -> ((UsageException) e).fix())
                .asString()
                .contains("--set kafka.properties.KEY=VALUE, e.g. kafka.properties.num.io.threads=8");
        assertThatThrownBy(() -> ConfigLoader.parseSet("kafka.propertys.num.partitions=3"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown setting 'kafka.propertys.num.partitions' in --set");
    }

    @Test
    void unknownKeysBesideTheNativeMapsAreStillRejected() throws IOException {
        Files.writeString(work.resolve("rideops.yaml"), "postgres:\n  settings: {}\n  port: 5\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("unknown setting 'postgres.port'");

        Files.writeString(work.resolve("rideops.yaml"), "kafka:\n  propertys:\n    a: 1\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("unknown setting 'kafka.propertys.a'");

        Files.writeString(work.resolve("rideops.yaml"), "flink:\n  config: 3\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("flink.config in file ")
                .hasMessageContaining("must be a map");
    }

    @Test
    void aProfileAppliesOverTheFileAndUnderEnvironmentAndFlags() throws IOException {
        Files.writeString(work.resolve("rideops.yaml"), """
                source:
                  port: 6000
                  database: from_file
                kafka:
                  properties:
                    num.io.threads: 4
                    num.network.threads: 3
                profiles:
                  remote:
                    source:
                      host: db.example
                      port: 6100
                    flink:
                      url: http://flink.example:8081
                    kafka:
                      properties:
                        num.io.threads: 8
                  compose:
                    kafka:
                      bootstrap-servers: localhost:29092
                """);

        RideopsConfig plain = load(Map.of());
        RideopsConfig remote =
                load(Map.of("RIDEOPS_SOURCE_PORT", "7000"), new FlagValue(Setting.PROFILE, "remote", "--profile"));
        RideopsConfig byEnv = load(Map.of("RIDEOPS_PROFILE", "compose"));

        assertThat(plain.get(Setting.FLINK_URL)).isEmpty();
        assertThat(remote.get(Setting.SOURCE_HOST)).isEqualTo("db.example");
        assertThat(remote.origin(Setting.SOURCE_HOST)).startsWith("profile remote file ");
        assertThat(remote.get(Setting.SOURCE_DATABASE)).isEqualTo("from_file");
        assertThat(remote.get(Setting.SOURCE_PORT)).isEqualTo("7000");
        assertThat(remote.get(Setting.FLINK_URL)).isEqualTo("http://flink.example:8081");
        assertThat(remote.nativeValues(NativeSection.KAFKA))
                .containsEntry("num.io.threads", "8")
                .containsEntry("num.network.threads", "3");
        assertThat(byEnv.get(Setting.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("localhost:29092");
        assertThat(byEnv.get(Setting.FLINK_URL)).isEmpty();
    }

    @Test
    void anUnknownProfileIsAUsageErrorListingTheProfilesThere() throws IOException {
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_PROFILE", "remote")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no rideops.yaml was found");

        Files.writeString(work.resolve("rideops.yaml"), "profile: remote\nprofiles:\n  compose: {}\n  demo: {}\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no profile 'remote' in ")
                .extracting(e -> ((UsageException) e).fix())
                .asString()
                .isEqualTo("profiles there: compose, demo");
        assertThat(load(Map.of(), new FlagValue(Setting.PROFILE, "demo", "--profile"))
                        .get(Setting.PROFILE))
                .isEqualTo("demo");
    }

    @Test
    void thePortOffsetMovesEveryLocalPortSettingAndSaysSo() {
        RideopsConfig config = load(
                Map.of("RIDEOPS_FLINK_PORT", "18081"),
                new FlagValue(Setting.STACK_PORT_OFFSET, "100", "--port-offset"));

        assertThat(config.get(Setting.SOURCE_PORT)).isEqualTo("5532");
        assertThat(config.origin(Setting.SOURCE_PORT)).isEqualTo("default + stack.port-offset 100");
        assertThat(config.get(Setting.FLINK_PORT)).isEqualTo("18181");
        assertThat(config.get(Setting.MONITORING_EXPORTER_PORT)).isEqualTo("9500");
        assertThat(config.get(Setting.CONNECTOR_DATABASE_PORT)).isEmpty();
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_STACK_PORT_OFFSET", "30000", "RIDEOPS_SEARCH_PORT", "39200")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("search.port 39200 + stack.port-offset 30000");
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_STACK_PORT_OFFSET", "-1")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("invalid value '-1' for stack.port-offset");
    }

    @Test
    void theJmxAgentsPortsMustAllBePortsAfterTheOffset() {
        assertThat(load(Map.of("RIDEOPS_MONITORING_JMX_PORT", "65531")).get(Setting.MONITORING_JMX_PORT))
                .as("65531 .. 65535: the search node's agent takes the last port")
                .isEqualTo("65531");
        assertThatThrownBy(() -> load(Map.of("RIDEOPS_MONITORING_JMX_PORT", "65532")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("monitoring.jmx-port 65532 (from env RIDEOPS_MONITORING_JMX_PORT)")
                .hasMessageContaining("last port at 65536")
                .extracting(e -> ((UsageException) e).fix())
                .isEqualTo("set monitoring.jmx-port to at most 65531");
        assertThatThrownBy(() -> load(
                        Map.of("RIDEOPS_MONITORING_JMX_PORT", "60000"),
                        new FlagValue(Setting.STACK_PORT_OFFSET, "5533", "--port-offset")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("monitoring.jmx-port 65533 (from env RIDEOPS_MONITORING_JMX_PORT"
                        + " + stack.port-offset 5533)")
                .extracting(e -> ((UsageException) e).fix())
                .isEqualTo("set monitoring.jmx-port to at most 59998 (with stack.port-offset 5533)");
    }
}
