package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.os.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedStackSettingsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private RideopsConfig load(Map<String, String> env, FlagValue... flags) {
        return new ConfigLoader(env, work, user).load(Optional.empty(), List.of(flags));
    }

    private void saveStackOf(RideopsConfig up) throws Exception {
        Files.createDirectories(up.home());
        new ObjectMapper()
                .writeValue(
                        Stack.specFile(up.home()).toFile(),
                        StackSpecs.from(
                                up, new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 2, new Executables("")));
    }

    @Test
    void aDeployAfterUpWithAvroDeploysAvroToTheRegistryUpStartedUnlessToldOtherwise() throws Exception {
        saveStackOf(load(Map.of(), new FlagValue(Setting.CDC_FORMAT, "avro", "--set cdc.format=avro")));

        RideopsConfig later = load(Map.of());

        assertThat(later.get(Setting.CDC_FORMAT)).isEqualTo("avro");
        assertThat(later.origin(Setting.CDC_FORMAT)).startsWith("stack.json");
        assertThat(StackSpecs.registry(later).local()).isTrue();
        RideopsConfig toldOff = load(Map.of("RIDEOPS_CDC_FORMAT", "json"));
        assertThat(toldOff.get(Setting.CDC_FORMAT)).isEqualTo("json");
    }

    @Test
    void aJsonStackLeavesTheDefaultsAlone() throws Exception {
        saveStackOf(load(Map.of()));

        RideopsConfig later = load(Map.of());

        assertThat(later.get(Setting.CDC_FORMAT)).isEqualTo("json");
        assertThat(later.origin(Setting.CDC_FORMAT)).isEqualTo("default");
        assertThat(later.get(Setting.SECURITY_TLS)).isEqualTo("false");
    }
}
