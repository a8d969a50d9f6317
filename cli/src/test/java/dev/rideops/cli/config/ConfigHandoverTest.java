package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.secrets.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child process started elsewhere (the background generator runs in its service directory) sees the same config. */
class ConfigHandoverTest {

    private static final Map<String, String> ENV = Map.of("RIDEOPS_KAFKA_PORT", "19092");

    @TempDir
    Path parentDir;

    @TempDir
    Path childDir;

    @TempDir
    Path user;

    private RideopsConfig child(RideopsConfig parent, FlagValue... ownFlags) throws Exception {
        Path file = childDir.resolve("handover.json");
        Files.writeString(file, parent.handover().toJson());
        ConfigHandover handover = ConfigHandover.take(file);
        assertThat(file).doesNotExist();
        return new ConfigLoader(ENV, childDir, user).load(handover.plus(List.of(ownFlags)));
    }

    @Test
    void configFileSetAndHomeGivenToTheParentReachTheChild() throws Exception {
        Files.createDirectories(parentDir.resolve("conf"));
        Files.writeString(parentDir.resolve("conf/my.yaml"), "source:\n  database: from_file\n");
        RideopsConfig parent = new ConfigLoader(ENV, parentDir, user)
                .load(
                        Optional.of(Path.of("conf/my.yaml")),
                        List.of(
                                ConfigLoader.parseSet("source.password=s3cret"),
                                ConfigLoader.parseSet("kafka.properties.num.partitions=3"),
                                new FlagValue(Setting.HOME, "relative-home", "--home"),
                                new FlagValue(Setting.KAFKA_BROKERS, "1", "--brokers")));

        RideopsConfig child = child(parent);

        assertThat(child.all()).isEqualTo(parent.all());
        assertThat(child.file()).contains(parentDir.resolve("conf/my.yaml"));
        assertThat(child.get(Setting.SOURCE_PASSWORD)).isEqualTo("s3cret");
        assertThat(child.get(Setting.SOURCE_DATABASE)).isEqualTo("from_file");
        assertThat(child.home()).isEqualTo(parentDir.resolve("relative-home"));
        assertThat(child.origin(Setting.SOURCE_PASSWORD)).isEqualTo("flag --set source.password");
        assertThat(child.nativeValues(NativeSection.KAFKA)).containsExactly(Map.entry("num.partitions", "3"));
    }

    @Test
    void theFileTheParentFoundInItsDirectoryIsTheChildsToo() throws Exception {
        Files.writeString(parentDir.resolve(ConfigLoader.FILE_NAME), "flink:\n  port: 18081\n");
        RideopsConfig parent = new ConfigLoader(ENV, parentDir, user).load(Optional.empty(), List.of());

        RideopsConfig child = child(parent);

        assertThat(child.all()).isEqualTo(parent.all());
        assertThat(child.get(Setting.FLINK_PORT)).isEqualTo("18081");
    }

    @Test
    void theChildsOwnFlagsComeLast() throws Exception {
        RideopsConfig parent = new ConfigLoader(ENV, parentDir, user)
                .load(Optional.empty(), List.of(new FlagValue(Setting.GENERATOR_VOLUME, "large", "--volume")));

        RideopsConfig child = child(parent, new FlagValue(Setting.GENERATOR_VOLUME, "tiny", "--volume"));

        assertThat(child.get(Setting.GENERATOR_VOLUME)).isEqualTo("tiny");
    }

    @Test
    void aBackgroundServiceIsHandedItsOwnPasswordFlagOnly() {
        ConfigHandover all = new ConfigHandover(
                parentDir,
                Optional.empty(),
                List.of(
                        new FlagValue(Setting.POSTGRES_ADMIN_PASSWORD, "admin-s3cret", "--set"),
                        new FlagValue(Setting.SOURCE_PASSWORD, "writer-s3cret", "--set"),
                        new FlagValue(Setting.READER_PASSWORD, "reader-s3cret", "--set"),
                        new FlagValue(Setting.SOURCE_PORT, "15432", "--set"),
                        // a server's own settings: up --set flink.config.state.backend.type=rocksdb failed here once
                        ConfigLoader.flag("flink.config.state.backend.type", "rocksdb", "--set"),
                        ConfigLoader.parseSet("kafka.properties.sasl.jaas.config=native-s3cret")));

        String forExporter = all.withOnlySecrets(Setting.READER_PASSWORD).toJson();

        assertThat(forExporter)
                .contains("reader-s3cret")
                .contains("15432")
                .doesNotContain("rocksdb")
                .doesNotContain("admin-s3cret")
                .doesNotContain("writer-s3cret")
                .doesNotContain("native-s3cret");
        assertThat(all.withOnlySecrets(Setting.SOURCE_PASSWORD).toJson())
                .contains("writer-s3cret")
                .doesNotContain("admin-s3cret")
                .doesNotContain("reader-s3cret");
    }

    /**
     * A background service of root's stack runs as its own user: it can read neither the config file, nor the home's
     * secrets, nor rideops's environment. Its complete hand-over alone gives it the parent's config: the file's, the
     * profile's, the environment's and the port offset's effect once, and the one stored password it is handed.
     */
    @Test
    void aCompleteHandoverIsTheWholeConfigAndTheChildReadsNothingElse() throws Exception {
        Path home = parentDir.resolve("home");
        Secrets secrets = new Secrets(home);
        secrets.store(Secrets.READER, "stored-reader");
        secrets.store(Secrets.SOURCE_WRITER, "stored-writer");
        Files.writeString(
                parentDir.resolve(ConfigLoader.FILE_NAME),
                "source:\n  database: from_file\nprofiles:\n  big:\n    generator:\n      volume: large\n");
        RideopsConfig parent = new ConfigLoader(
                        Map.of("RIDEOPS_KAFKA_PORT", "19092", "RIDEOPS_HOME", home.toString()), parentDir, user)
                .load(
                        Optional.empty(),
                        List.of(
                                new FlagValue(Setting.STACK_PORT_OFFSET, "100", "--port-offset"),
                                new FlagValue(Setting.PROFILE, "big", "--profile"),
                                ConfigLoader.parseSet("kafka.properties.num.partitions=3"),
                                ConfigLoader.parseSet("postgres.admin-password=admin-s3cret")));
        Path file = childDir.resolve("handover.json");
        Files.writeString(
                file,
                parent.completeHandover()
                        .withOnlySecrets(Setting.READER_PASSWORD)
                        .toJson());
        // what the child cannot read as its own user: config files (here: it would fail on them), the home's secrets
        Files.writeString(parentDir.resolve(ConfigLoader.FILE_NAME), "{{ not: yaml");
        Files.writeString(home.resolve(ConfigLoader.FILE_NAME), "{{ not: yaml");
        dev.rideops.stack.os.FileTrees.delete(secrets.dir());

        RideopsConfig child =
                new ConfigLoader(Map.of(), childDir, Path.of("/nonexistent")).load(ConfigHandover.take(file));

        for (Setting s : Setting.values()) {
            if (s.type() != ValueType.SECRET && s != Setting.PROFILE && s != Setting.STACK_PORT_OFFSET) {
                assertThat(child.get(s)).as(s.key()).isEqualTo(parent.get(s));
            }
        }
        assertThat(child.home()).isEqualTo(home);
        assertThat(child.get(Setting.KAFKA_PORT)).isEqualTo("19192");
        assertThat(child.get(Setting.SOURCE_DATABASE)).isEqualTo("from_file");
        assertThat(child.get(Setting.GENERATOR_VOLUME)).isEqualTo("large");
        assertThat(child.nativeValues(NativeSection.KAFKA))
                .as("the servers' settings")
                .isEmpty();
        assertThat(child.get(Setting.READER_PASSWORD)).isEqualTo("stored-reader");
        assertThat(child.origin(Setting.READER_PASSWORD))
                .isEqualTo("flag handed over (secret " + secrets.file(Secrets.READER) + ")");
        // passwords it is not handed: neither the parent's stored one nor the one its flag set
        assertThat(child.get(Setting.SOURCE_PASSWORD)).isEmpty();
        assertThat(child.get(Setting.POSTGRES_ADMIN_PASSWORD)).isEmpty();
        assertThat(child.file()).isEmpty();
        assertThat(child.handover().complete()).isTrue();
    }
}
