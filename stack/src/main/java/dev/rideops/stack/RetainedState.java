package dev.rideops.stack;

import dev.rideops.stack.os.FileTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Flink cluster's files under {@code $RIDEOPS_HOME/flink} that pile up over weeks: retained checkpoints of jobs
 * that no longer run ({@code checkpoints/<job id>/chk-N}), savepoints ({@code savepoints/savepoint-*}) and uploaded
 * jars ({@code uploads}). {@link #prune} keeps the newest {@code keep} checkpoints and savepoints and never touches
 * a running job's checkpoint directory (Flink manages it), what {@link RestorePoints} would resume from, or a
 * location the caller protects (the savepoint a running job restored from). Jars are removed through Flink's REST
 * API by the caller, so Flink's list stays true; here they are only measured.
 */
public final class RetainedState {

    /** How many of one kind there are and the bytes they take on disk. */
    public record Kind(int count, long bytes) {}

    /** What {@code status --json} shows. */
    public record Usage(Kind checkpoints, Kind savepoints, Kind jars) {}

    private final Path home;
    private final Path flinkHome;

    public RetainedState(Path home) {
        this.home = home;
        // the real directory: what is listed here is compared with the locations Flink reports
        this.flinkHome = RestorePoints.real(home.resolve("flink"));
    }

    public Usage usage() {
        List<Path> checkpoints = list(flinkHome.resolve("checkpoints"), 2, "chk-");
        List<Path> savepoints = list(flinkHome.resolve("savepoints"), 1, "savepoint-");
        List<Path> jars;
        try (Stream<Path> files = walk(flinkHome.resolve("uploads"), 3)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .toList();
        }
        return new Usage(kind(checkpoints), kind(savepoints), kind(jars));
    }

    /**
     * The checkpoint and savepoint directories {@link #prune} would delete, oldest last: all but the newest
     * {@code keep} of each kind, without the running jobs' checkpoint directories, the restore point and
     * {@code protect}ed locations. A job directory none of whose checkpoints is kept goes whole (its shared files).
     */
    public List<Path> prunable(int keep, Set<String> runningJobIds, Collection<String> protect) {
        Set<Path> kept = new HashSet<>();
        protect.forEach(location -> localPath(location).ifPresent(kept::add));
        RestorePoints restore = new RestorePoints(home);
        restore.latest().flatMap(RetainedState::localPath).ifPresent(kept::add);
        restore.remembered().flatMap(RetainedState::localPath).ifPresent(kept::add);

        List<Path> doomed = new ArrayList<>();
        List<Path> jobDirs = list(flinkHome.resolve("checkpoints"), 1, "").stream()
                .filter(Files::isDirectory)
                .filter(dir -> !runningJobIds.contains(dir.getFileName().toString()))
                .toList();
        List<Path> checkpoints = new ArrayList<>();
        for (Path jobDir : jobDirs) {
            for (Path chk : list(jobDir, 1, "chk-")) {
                if (Files.isRegularFile(chk.resolve("_metadata"))) {
                    checkpoints.add(chk);
                } else {
                    // never completed, and its job is gone: nothing can restore from it
                    doomed.add(chk);
                }
            }
        }
        List<Path> keptCheckpoints = keepNewest(checkpoints, keep, kept, doomed);
        for (Path jobDir : jobDirs) {
            if (keptCheckpoints.stream().noneMatch(chk -> chk.getParent().equals(jobDir))) {
                doomed.removeIf(p -> p.startsWith(jobDir));
                doomed.add(jobDir);
            }
        }
        List<Path> savepoints = list(flinkHome.resolve("savepoints"), 1, "savepoint-").stream()
                // one without _metadata may be being written right now
                .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                .toList();
        keepNewest(savepoints, keep, kept, doomed);
        return doomed;
    }

    /** Deletes what {@link #prunable} names; returns how many of each kind went and the bytes freed. */
    public Pruned prune(int keep, Set<String> runningJobIds, Collection<String> protect) throws IOException {
        List<Path> doomed = prunable(keep, runningJobIds, protect);
        long bytes = FileTrees.allocatedBytes(doomed).orElse(0);
        Path savepointsDir = flinkHome.resolve("savepoints");
        int savepoints =
                (int) doomed.stream().filter(p -> p.startsWith(savepointsDir)).count();
        for (Path p : doomed) {
            FileTrees.delete(p);
        }
        return new Pruned(doomed.size() - savepoints, savepoints, bytes);
    }

    /**
     * What a prune removed: checkpoint directories (a {@code chk-N}, or a gone job's whole directory), savepoints,
     * and the bytes they took.
     */
    public record Pruned(int checkpoints, int savepoints, long bytes) {}

    /** Keeps the newest {@code keep} of {@code dirs} and the protected ones; adds the rest to {@code doomed}. */
    private static List<Path> keepNewest(List<Path> dirs, int keep, Set<Path> protect, List<Path> doomed) {
        List<Path> newestFirst = dirs.stream()
                .sorted(Comparator.comparingLong(RetainedState::modified).reversed())
                .toList();
        List<Path> kept = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Path dir = newestFirst.get(i);
            if (i < keep || protect.contains(dir.toAbsolutePath().normalize())) {
                kept.add(dir);
            } else {
                doomed.add(dir);
            }
        }
        return kept;
    }

    /** A location as Flink or {@link RestorePoints} writes it ({@code file:/…}, {@code file:///…/}, a path). */
    static Optional<Path> localPath(String location) {
        try {
            if (location.startsWith("file:")) {
                return Optional.of(RestorePoints.real(Path.of(URI.create(location))));
            }
            if (location.startsWith("/")) {
                return Optional.of(RestorePoints.real(Path.of(location)));
            }
        } catch (IllegalArgumentException e) {
            // not a local file: a remote cluster's storage, which is not pruned here
        }
        return Optional.empty();
    }

    private static Kind kind(List<Path> paths) {
        return new Kind(paths.size(), FileTrees.allocatedBytes(paths).orElse(0));
    }

    private static List<Path> list(Path dir, int depth, String prefix) {
        try (Stream<Path> paths = walk(dir, depth)) {
            return paths.filter(p -> !p.equals(dir))
                    .filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p))
                    .toList();
        }
    }

    private static Stream<Path> walk(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try {
            return Files.walk(dir, depth);
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long modified(Path dir) {
        Path metadata = dir.resolve("_metadata");
        try {
            return Files.getLastModifiedTime(Files.exists(metadata) ? metadata : dir)
                    .toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
