package dev.rideops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a stopped job's state can be found again on the local stack: the savepoint {@code down} took, else the
 * newest checkpoint Flink retained (after a crash). A job started without either must read the CDC log from the
 * beginning, or its KPI state would restart empty and overwrite correct buckets with partial ones.
 */
public final class RestorePoints {

    private final Path flinkHome;

    public RestorePoints(Path home) {
        this.flinkHome = home.resolve("flink");
    }

    public void rememberSavepoint(String location) throws IOException {
        Files.createDirectories(flinkHome);
        Files.writeString(flinkHome.resolve("last-savepoint"), location + "\n");
    }

    /** The savepoint or retained checkpoint to resume from, newest first; consumed once used. */
    public Optional<String> latest() {
        Path remembered = flinkHome.resolve("last-savepoint");
        try {
            if (Files.isRegularFile(remembered)) {
                String location = Files.readString(remembered).trim();
                if (Files.exists(
                        Path.of(java.net.URI.create(location.startsWith("file:") ? location : "file:" + location)))) {
                    return Optional.of(location);
                }
            }
            Path checkpoints = flinkHome.resolve("checkpoints");
            if (!Files.isDirectory(checkpoints)) {
                return Optional.empty();
            }
            try (Stream<Path> all = Files.walk(checkpoints, 2)) {
                return all.filter(p -> p.getFileName().toString().startsWith("chk-"))
                        .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                        .max(Comparator.comparing(RestorePoints::modified))
                        .map(p -> p.toUri().toString());
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Forgets the remembered savepoint once a job runs from it (its checkpoints take over). */
    public void used() throws IOException {
        Files.deleteIfExists(flinkHome.resolve("last-savepoint"));
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
