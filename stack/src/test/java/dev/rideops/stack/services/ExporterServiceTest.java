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

class ExporterServiceTest {

    @TempDir
    Path home;

    private ExporterService exporter() {
        return new ExporterService(
                ServiceDirs.of(home, ExporterService.NAME),
                new RuntimeLayout(home.resolve("dist")),
                9400,
                "{\"password\":\"s3cret\"}",
                new LogRotation(50L << 20, 4));
    }

    @Test
    void itRunsTheExporterCommandWithTheConfigHandedOverInAFileOnlyTheUserCanRead() throws Exception {
        ExporterService exporter = exporter();
        ServiceDirs.of(home, ExporterService.NAME).create();

        exporter.prepare();
        List<String> command = exporter.command();

        Path handover = home.resolve("services/exporter/config-handover.json");
        assertThat(handover).hasContent("{\"password\":\"s3cret\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(handover)))
                .isEqualTo("rw-------");
        assertThat(command.subList(command.indexOf("--config-handover"), command.size()))
                .containsExactly("--config-handover", handover.toString(), "exporter");
        assertThat(command).contains("-Xmx96m");
        assertThat(String.join(" ", command)).doesNotContain("s3cret");
    }

    @Test
    void itIsScrapedAndProbedOnItsPort() {
        assertThat(exporter().port()).isEqualTo(9400);
        assertThat(exporter().endpoint()).isEqualTo("http://127.0.0.1:9400/metrics");
        // nothing listens on this port in a unit test: the probe says so instead of throwing
        assertThat(new ExporterService(
                                ServiceDirs.of(home, ExporterService.NAME),
                                new RuntimeLayout(home),
                                1,
                                "{}",
                                new LogRotation(1 << 20, 1))
                        .probe())
                .isNotNull();
    }
}
