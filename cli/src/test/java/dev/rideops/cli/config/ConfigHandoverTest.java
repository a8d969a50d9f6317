package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

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
                        // a service's own keys: up --set flink.config.state.backend.type=rocksdb failed here once
                        ConfigLoader.flag("flink.config.state.backend.type", "rocksdb", "--set"),
                        ConfigLoader.flag("kafka.properties.ssl.key.password", "key-s3cret", "--set")));

        String forExporter = all.withOnlySecrets(Setting.READER_PASSWORD).toJson();

        assertThat(forExporter)
                .contains("reader-s3cret")
                .contains("15432")
                .contains("rocksdb")
                .doesNotContain("admin-s3cret")
                .doesNotContain("writer-s3cret")
                .doesNotContain("key-s3cret");
        assertThat(all.withOnlySecrets(Setting.SOURCE_PASSWORD).toJson())
                .contains("writer-s3cret")
                .doesNotContain("admin-s3cret")
                .doesNotContain("reader-s3cret");
    }
}
