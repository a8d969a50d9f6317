package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorServiceTest {

    @TempDir
    Path home;

    private GeneratorService generator(String handover) {
        return new GeneratorService(
                ServiceDirs.of(home, GeneratorService.NAME),
                new RuntimeLayout(home.resolve("dist")),
                List.of("generate", "--volume", "tiny"),
                handover,
                new LogRotation(50L << 20, 4));
    }

    @Test
    void theConfigIsHandedOverInAFileOnlyTheUserCanRead() throws Exception {
        GeneratorService generator = generator("{\"password\":\"s3cret\"}");
        ServiceDirs.of(home, GeneratorService.NAME).create();
        Path stale = generator.configHandoverFile();
        Files.writeString(stale, "an older run's");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));

        generator.prepare();

        Path file = generator.configHandoverFile();
        assertThat(file).hasContent("{\"password\":\"s3cret\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void theCommandLineNamesTheHandOverButHoldsNoSetting() {
        List<String> command = generator("{\"password\":\"s3cret\"}").command();

        int handover = command.indexOf("--config-handover");
        assertThat(handover).isPositive();
        assertThat(command.subList(handover, command.size()))
                .containsExactly(
                        "--config-handover",
                        home.resolve("services/generator/config-handover.json").toString(),
                        "generate",
                        "--volume",
                        "tiny",
                        "--status-file",
                        home.resolve("services/generator/status.json").toString());
        assertThat(String.join(" ", command)).doesNotContain("s3cret");
    }

    @Test
    void itsArgumentsAreReadBackFromItsCommandLineToStartItAgainTheSameWay() {
        assertThat(GeneratorService.cliArgs(generator("{}").command()))
                .contains(List.of("generate", "--volume", "tiny"));
        assertThat(GeneratorService.cliArgs(List.of("java", "-cp", "x", "Main", "generate")))
                .isEmpty();
    }
}
