package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.config.ConfigHandover;
import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.services.GeneratorService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A background service reads its config again as rideops's user, and is handed all of it as its own user. */
class ServiceHandoverTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    @Test
    void asItsOwnUserAServiceIsHandedTheWholeConfigWithItsOwnPasswordOnly() {
        RideopsConfig config = new ConfigLoader(Map.of("RIDEOPS_KAFKA_PORT", "19092"), work, user)
                .load(
                        Optional.empty(),
                        List.of(
                                ConfigLoader.parseSet("source.password=writer-s3cret"),
                                ConfigLoader.parseSet("reader.password=reader-s3cret")));
        GeneratorService generator = new GeneratorService(
                ServiceDirs.of(work, GeneratorService.NAME),
                new RuntimeLayout(work),
                List.of("generate"),
                "",
                new LogRotation(1 << 20, 1));

        ConfigHandover again = ServiceHandover.of(config, generator, Setting.SOURCE_PASSWORD);

        assertThat(again.complete()).isFalse();
        assertThat(again.flags()).extracting(FlagValue::key).containsExactly("source.password");

        generator.runAs(ServerUser.named(true, "rideops-generator"));
        ConfigHandover whole = ServiceHandover.of(config, generator, Setting.SOURCE_PASSWORD);

        assertThat(whole.complete()).isTrue();
        assertThat(whole.flags())
                .extracting(FlagValue::key)
                .contains("home", "kafka.port", "source.password")
                .doesNotContain("reader.password");
        assertThat(whole.toJson()).contains("19092").doesNotContain("reader-s3cret");
    }
}
