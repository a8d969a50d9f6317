package dev.rideops.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which spec {@code start} and {@code restart} run a service with. */
class ServiceControlTest {

    @TempDir
    Path dir;

    private RideopsConfig config(String yaml) throws Exception {
        Files.writeString(dir.resolve("rideops.yaml"), yaml);
        Map<String, String> env = Map.of("RIDEOPS_HOME", dir.resolve("home").toString(), "RIDEOPS_KAFKA_BROKERS", "1");
        return new ConfigLoader(env, dir, dir.resolve("user")).load(Optional.empty(), List.of());
    }

    private void started(RideopsConfig config) throws Exception {
        Files.createDirectories(config.home());
        new ObjectMapper().writeValue(Stack.specFile(config.home()).toFile(), Stacks.specFromConfig(config));
    }

    @Test
    void aRestartAppliesChangedServiceSettingsButNotAChangedShape() throws Exception {
        started(config("kafka:\n  properties:\n    num.io.threads: 8\n"));

        StackSpec edited = Stacks.forServiceControl(config("kafka:\n  properties:\n    num.io.threads: 16\n"))
                .spec();
        StackSpec reshaped = Stacks.forServiceControl(
                        config("connect:\n  port: 18083\nkafka:\n  properties:\n    num.io.threads: 16\n"))
                .spec();

        assertThat(edited.nativeProperties().kafka()).containsEntry("num.io.threads", "16");
        assertThat(reshaped.connect().port()).isEqualTo(8083);
        assertThat(reshaped.nativeProperties().kafka()).containsEntry("num.io.threads", "8");
    }
}
