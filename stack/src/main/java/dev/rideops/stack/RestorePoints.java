package dev.rideops.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a stopped job's state can be found again on the local stack: the newest of the savepoint {@code down} took
 * and the checkpoints Flink retained (after a crash). A job started without either must read the CDC log from the
 * beginning, or its KPI state would restart empty and overwrite correct buckets with partial ones. The savepoint is
 * never forgotten on use: a job that resumed from it and crashed before its first checkpoint resumes from it again.
 */
public final class RestorePoints {

    private static final String REMEMBERED = "last-savepoint";

    private final Path flinkHome;

    public RestorePoints(Path home) {
        this.flinkHome = home.resolve("flink");
    }

    public void rememberSavepoint(String location) throws IOException {
        Files.createDirectories(flinkHome);
        Files.writeString(flinkHome.resolve(REMEMBERED), location + "\n");
    }

    /** The newest savepoint or retained checkpoint to resume from, as a location Flink accepts. */
    public Optional<String> latest() {
        try (Stream<Path> checkpoints = checkpoints()) {
            return Stream.concat(savepoint().stream(), checkpoints)
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(RestorePoints::modified))
                    .map(p -> real(p).toUri().toString());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The savepoint {@code down} or {@code job stop} took last, as written; a prune never removes it. */
    Optional<String> remembered() {
        try {
            Path remembered = flinkHome.resolve(REMEMBERED);
            return Files.isRegularFile(remembered)
                    ? Optional.of(Files.readString(remembered).trim())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> savepoint() throws IOException {
        Path remembered = flinkHome.resolve(REMEMBERED);
        if (!Files.isRegularFile(remembered)) {
            return Optional.empty();
        }
        String location = Files.readString(remembered).trim();
        return Optional.of(Path.of(URI.create(location.startsWith("file:") ? location : "file:" + location)));
    }

    private Stream<Path> checkpoints() throws IOException {
        Path checkpoints = flinkHome.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return Stream.empty();
        }
        return Files.walk(checkpoints, 2).filter(p -> p.getFileName().toString().startsWith("chk-"));
    }

    /**
     * A local path as the servers see it: through the home's {@code flink} link to the files root under /var/tmp
     * when servers drop root (the JobManager, another user, cannot enter the home), so Flink can open it and it
     * compares equal to the locations Flink reports.
     */
    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
