package dev.rideops.stack.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far a service's log may grow before it is rotated, and how many rotated files are kept beside it:
 * {@code service.log.1} is the newest, {@code service.log.<keep>} the oldest, as log4j's size policy names them
 * for the JVM services.
 */
public record LogRotation(long maxBytes, int keep) {

    public LogRotation {
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("log rotation needs a size and a count of at least 1");
        }
    }

    public static Path rotated(Path log, int index) {
        return log.resolveSibling(log.getFileName() + "." + index);
    }

    /**
     * Rotates a log that has reached its size, while its service is down. PostgreSQL and the generator write
     * their output straight into the log, which nothing rotates while they run, so this happens at their start;
     * the JVM services rotate theirs while running too (log4j).
     */
    public void rotateIfFull(Path log) throws IOException {
        if (!Files.isRegularFile(log) || Files.size(log) < maxBytes) {
            return;
        }
        Files.deleteIfExists(rotated(log, keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(rotated(log, i))) {
                Files.move(rotated(log, i), rotated(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(log, rotated(log, 1), StandardCopyOption.REPLACE_EXISTING);
    }
}
