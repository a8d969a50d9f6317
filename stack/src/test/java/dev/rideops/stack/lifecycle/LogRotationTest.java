package dev.rideops.stack.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {

    @TempDir
    Path dir;

    @Test
    void aFullLogBecomesTheNewestRotatedOneAndTheOldestBeyondKeepIsDeleted() throws IOException {
        Path log = dir.resolve("service.log");
        Files.writeString(log, "current run, 20 bytes");
        Files.writeString(LogRotation.rotated(log, 1), "one");
        Files.writeString(LogRotation.rotated(log, 2), "two");

        new LogRotation(10, 2).rotateIfFull(log);

        assertThat(log).doesNotExist();
        assertThat(LogRotation.rotated(log, 1)).hasContent("current run, 20 bytes");
        assertThat(LogRotation.rotated(log, 2)).hasContent("one");
        assertThat(LogRotation.rotated(log, 3)).doesNotExist();
    }

    @Test
    void aLogBelowItsSizeOrNoLogAtAllIsLeftAlone() throws IOException {
        Path log = dir.resolve("service.log");
        new LogRotation(10, 2).rotateIfFull(log);
        Files.writeString(log, "short");

        new LogRotation(10, 2).rotateIfFull(log);

        assertThat(log).hasContent("short");
        assertThat(LogRotation.rotated(log, 1)).doesNotExist();
    }
}
