package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.error.RideopsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundGeneratorTest {

    @Test
    void aShippedScenarioIsNoFileToHandOver() {
        assertThat(BackgroundGenerator.scenarioFile(List.of("generate", "--scenario", "corrections")))
                .isEmpty();
        assertThat(BackgroundGenerator.scenarioFile(List.of("generate", "--scenario", "Surge")))
                .isEmpty();
        assertThat(BackgroundGenerator.scenarioFile(List.of("generate", "--volume", "tiny")))
                .isEmpty();
    }

    @Test
    void aScenarioFileIsNamedAbsolutelyAndTheArgumentsPointAtTheCopy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("often.yaml"), "name: often\nrefund_share: 1.0\n");
        Path relative = Path.of("").toAbsolutePath().relativize(file);

        assertThat(BackgroundGenerator.scenarioFile(List.of("generate", "--scenario", relative.toString())))
                .contains(file);

        Path copy = dir.resolve("generator/conf/often.yaml");
        assertThat(BackgroundGenerator.readingOwnCopy(
                        List.of("generate", "--scenario", relative.toString(), "--volume", "tiny"), copy))
                .containsExactly("generate", "--scenario", copy.toString(), "--volume", "tiny");
    }

    @Test
    void aMissingScenarioFileIsOneLineBeforeAnythingStarts(@TempDir Path dir) {
        assertThatThrownBy(() -> BackgroundGenerator.scenarioFile(List.of(
                        "generate", "--scenario", dir.resolve("gone.yaml").toString())))
                .isInstanceOf(RideopsException.class)
                .hasMessageContaining("cannot read the scenario file " + dir.resolve("gone.yaml"));
    }
}
