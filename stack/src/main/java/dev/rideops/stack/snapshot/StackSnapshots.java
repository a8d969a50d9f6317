package dev.rideops.stack.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rideops.stack.RestorePoints;
import dev.rideops.stack.Stack;
import dev.rideops.stack.disk.Bytes;
import dev.rideops.stack.disk.DiskSpace;
import dev.rideops.stack.os.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named copies of a stopped stack's state under {@code $RIDEOPS_HOME/snapshots/NAME}: each service's data directory
 * (both PostgreSQL clusters as the stopped clusters' files, which PostgreSQL documents as a consistent file-system
 * backup; every broker's log directories, so the CDC topics, Connect's offsets and the job's committed offsets come
 * along; the search node; Prometheus and Alertmanager), {@code stack.json} and {@code flink/} with the savepoint
 * {@code down} took. All of it from one stopped moment, so the replication slot, the Kafka offsets and the job's
 * state agree; a later {@code up} resumes the job from that savepoint as after any {@code down}.
 *
 * <p>Copies are made with {@code tar} (owners, modes and times kept, so PostgreSQL's 0700 data directories owned by
 * the unprivileged server user come back as they were); logs and pid files are left out. A save is written beside
 * the others as {@code .NAME.partial} and renamed when complete, so {@code list} never shows half a snapshot.
 */
public final class StackSnapshots {

    public static final String DIR = "snapshots";
    private static final String MANIFEST = "snapshot.json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Processes the CLI runs beside the stack: they hold no state a restore needs. */
    private static final Set<String> NOT_STATE = Set.of("generator", "exporter", "dashboard");
    /** Logs, pid files and Flink's scratch space are not state. */
    private static final List<String> EXCLUDES =
            List.of("service.log", "service.log.*", "service.pid", "flink-jobmanager/tmp", "flink-taskmanager-*/tmp");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path home;
    private final Path postgresRoot;
    private final Path monitoringHome;
    private final Path servicesHome;

    /**
     * @param postgresRoot where the PostgreSQL clusters live (under the home, or elsewhere when run as root)
     * @param monitoringHome where Prometheus's and Alertmanager's service directories live (the home, or elsewhere)
     */
    public StackSnapshots(Path home, Path postgresRoot, Path monitoringHome) {
        this(home, postgresRoot, monitoringHome, home);
    }

    /**
     * @param servicesHome where the other services' directories and Flink's state live (the home, or elsewhere as
     *     root: then the home's {@code services} and {@code flink} are links there, which a load must not replace)
     */
    public StackSnapshots(Path home, Path postgresRoot, Path monitoringHome, Path servicesHome) {
        this.home = home;
        this.postgresRoot = postgresRoot;
        this.monitoringHome = monitoringHome;
        this.servicesHome = servicesHome;
    }

    public static StackSnapshots of(Stack stack) {
        return new StackSnapshots(
                stack.spec().home(), stack.postgresRoot(), stack.monitoringHome(), stack.servicesHome());
    }

    public Path dir() {
        return home.resolve(DIR);
    }

    /** Every complete snapshot, oldest first. */
    public List<SnapshotInfo> list() {
        if (!Files.isDirectory(dir())) {
            return List.of();
        }
        List<SnapshotInfo> result = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir())) {
            for (Path d : dirs.sorted().toList()) {
                if (!d.getFileName().toString().startsWith(".") && Files.isRegularFile(d.resolve(MANIFEST))) {
                    result.add(read(d.resolve(MANIFEST)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir(), e);
        }
        result.sort(Comparator.comparing(SnapshotInfo::createdAt));
        return result;
    }

    /** The named snapshot, or the one-line error that lists those there. */
    public SnapshotInfo info(String name) {
        checkName(name);
        Path manifest = dir().resolve(name).resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            List<String> known = list().stream().map(SnapshotInfo::name).toList();
            throw new SnapshotException(
                    "no snapshot '" + name + "' in " + dir(),
                    known.isEmpty()
                            ? "save one with 'rideops snapshot save " + name + "' while the stack is stopped"
                            : "snapshots there: " + String.join(", ", known) + " ('rideops snapshot list')");
        }
        return read(manifest);
    }

    /**
     * Copies the stopped stack's state into a new snapshot {@code name}.
     *
     * @param running the services that run now: the save is refused unless none does
     */
    public SnapshotInfo save(String name, List<String> running, SnapshotProgress progress) {
        checkName(name);
        Path target = dir().resolve(name);
        if (Files.exists(target)) {
            throw new SnapshotException(
                    "snapshot '" + name + "' exists already in " + dir(),
                    "choose another name, or delete it first with 'rideops snapshot delete " + name + "'");
        }
        refuseWhileRunning(running);
        if (!Files.isRegularFile(Stack.specFile(home))) {
            throw new SnapshotException(
                    "no stack state in " + home + " to save",
                    "start a stack there with 'rideops up', stop it with 'rideops down', then save it");
        }
        List<Part> parts = liveParts();
        long total = parts.stream().mapToLong(Part::bytes).filter(b -> b > 0).sum();
        Optional<DiskSpace> space = DiskSpace.of(dir());
        if (space.isPresent() && total > space.get().freeBytes()) {
            throw diskFull(
                    name,
                    "it needs " + Bytes.human(total) + ", "
                            + Bytes.human(space.get().freeBytes()) + " are free on the disk of " + dir());
        }
        String jobState = new RestorePoints(home).latest().orElse(null);
        if (jobState == null) {
            progress.warning("no savepoint or retained checkpoint in " + home.resolve("flink")
                    + ": after a load the job starts without state ('rideops down' takes a savepoint)");
        }
        Path partial = dir().resolve("." + name + ".partial");
        try {
            FileTrees.delete(partial);
            Files.createDirectories(partial);
            List<String> stored = new ArrayList<>();
            for (Part part : parts) {
                copyTimed(part.stored(), part.path(), partial.resolve(part.stored()), part.bytes(), name, progress);
                stored.add(part.stored());
            }
            SnapshotInfo info = new SnapshotInfo(name, Instant.now(), total, services(stored), jobState, stored);
            write(info, partial.resolve(MANIFEST));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return info;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            if (e instanceof IOException io) {
                if (noSpace(io.getMessage())) {
                    throw diskFull(name, io.getMessage());
                }
                throw new UncheckedIOException("cannot save snapshot '" + name + "': " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Replaces the stopped stack's state with the snapshot's: what the home holds now (services, job state,
     * PostgreSQL clusters) is deleted first, so nothing of a stack of another shape stays behind.
     */
    public SnapshotInfo load(String name, List<String> running, SnapshotProgress progress) {
        SnapshotInfo info = info(name);
        refuseWhileRunning(running);
        List<Part> now = liveParts();
        long freed = now.stream().mapToLong(Part::bytes).filter(b -> b > 0).sum();
        Optional<DiskSpace> space = DiskSpace.of(home);
        if (space.isPresent() && info.bytes() > space.get().freeBytes() + freed) {
            throw diskFull(
                    name,
                    "it needs " + Bytes.human(info.bytes()) + ", "
                            + Bytes.human(space.get().freeBytes())
                            + " are free on the disk of " + home + " (" + Bytes.human(freed)
                            + " more once its state is "
                            + "replaced)");
        }
        Path source = dir().resolve(name);
        try {
            for (Part part : now) {
                FileTrees.delete(part.path());
            }
            for (String stored : info.parts()) {
                Path from = source.resolve(stored);
                long bytes = FileTrees.allocatedBytes(List.of(from)).orElse(-1);
                copyTimed(stored, from, live(stored), bytes, name, progress);
            }
            return info;
        } catch (IOException e) {
            if (noSpace(e.getMessage())) {
                throw diskFull(name, e.getMessage());
            }
            throw new SnapshotException(
                    "loading snapshot '" + name + "' failed midway: " + e.getMessage(),
                    "the home now holds part of it; fix the cause and run 'rideops snapshot load " + name + "' again");
        }
    }

    public void delete(String name) {
        info(name);
        try {
            FileTrees.delete(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete snapshot '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A stored path's live place: {@code postgres/x} in the PostgreSQL root, {@code monitoring/x} in its home. */
    Path live(String stored) {
        if (stored.startsWith("postgres/")) {
            return postgresRoot.resolve(stored.substring("postgres/".length()));
        }
        if (stored.startsWith("monitoring/")) {
            return monitoringHome.resolve(stored.substring("monitoring/".length()));
        }
        if (stored.equals("flink") || stored.startsWith("services/")) {
            return servicesHome.resolve(stored);
        }
        return home.resolve(stored);
    }

    /** One file or directory of the state: its name in a snapshot, where it lives, its size (-1 unknown). */
    record Part(String stored, Path path, long bytes) {}

    /** The state the home holds now, in the order a load writes it back. */
    List<Part> liveParts() {
        List<String> stored = new ArrayList<>();
        stored.add(Stack.specFile(home).getFileName().toString());
        stored.add("services/kafka-cluster-id");
        for (String service : children(servicesHome.resolve("services"))) {
            if (Files.isDirectory(servicesHome.resolve("services").resolve(service)) && !NOT_STATE.contains(service)) {
                stored.add("services/" + service);
            }
        }
        stored.add("flink");
        for (String cluster : children(postgresRoot)) {
            // the binaries are unpacked from the build again when missing
            if (Files.isDirectory(postgresRoot.resolve(cluster)) && !cluster.startsWith("dist")) {
                stored.add("postgres/" + cluster);
            }
        }
        if (!monitoringHome.equals(home)) {
            for (String service : children(monitoringHome.resolve("services"))) {
                // a service's directory, not the copy of its pid file beside it (PidFile)
                if (Files.isDirectory(monitoringHome.resolve("services").resolve(service))) {
                    stored.add("monitoring/services/" + service);
                }
            }
        }
        List<Part> parts = new ArrayList<>();
        for (String s : stored) {
            Path path = live(s);
            if (Files.exists(path)) {
                parts.add(new Part(
                        s, path, FileTrees.allocatedBytes(List.of(path)).orElse(-1)));
            }
        }
        return parts;
    }

    private static List<String> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<String> services(List<String> stored) {
        return stored.stream()
                .filter(s -> s.startsWith("services/") || s.startsWith("monitoring/services/"))
                .map(s -> s.substring(s.lastIndexOf('/') + 1))
                .filter(s -> !s.equals("kafka-cluster-id"))
                .toList();
    }

    private void refuseWhileRunning(List<String> running) {
        if (!running.isEmpty()) {
            throw new SnapshotException(
                    "the stack in " + home + " is running (" + String.join(", ", running) + "); a snapshot needs it "
                            + "stopped, so every service's files are from one moment",
                    "stop it with 'rideops down' (which takes the job's savepoint), run this again, then 'rideops up'");
        }
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new SnapshotException(
                    "'" + name + "' is not a snapshot name",
                    "use letters, digits, '.', '_' and '-' (up to 64, not starting with '.' or '-'), e.g. demo-3days");
        }
    }

    private static SnapshotException diskFull(String name, String detail) {
        return new SnapshotException(
                "not enough free disk for snapshot '" + name + "': " + detail,
                "free space, or delete a snapshot you no longer need ('rideops snapshot list', "
                        + "'rideops snapshot delete NAME')");
    }

    private static boolean noSpace(String message) {
        return message != null && message.contains("No space left on device");
    }

    private static void copyTimed(String part, Path from, Path to, long bytes, String name, SnapshotProgress progress)
            throws IOException {
        progress.copying(part, bytes);
        long began = System.nanoTime();
        copy(from, to);
        progress.copied(part, bytes, Duration.ofNanos(System.nanoTime() - began));
    }

    /**
     * Copies a file or directory tree to {@code to} (same last name) with {@code tar}, keeping owners (numeric, as
     * root), modes, times and links; leaves out logs and pid files.
     */
    static void copy(Path from, Path to) throws IOException {
        if (!from.getFileName().equals(to.getFileName())) {
            throw new IllegalArgumentException(from + " and " + to + " differ in name");
        }
        Files.createDirectories(to.getParent());
        List<String> create = new ArrayList<>(
                List.of("tar", "--numeric-owner", "-C", from.getParent().toString()));
        EXCLUDES.forEach(e -> create.add("--exclude=" + e));
        create.addAll(List.of("-cf", "-", from.getFileName().toString()));
        List<String> extract =
                List.of("tar", "--numeric-owner", "-C", to.getParent().toString(), "-xpf", "-");
        Path createErr = Files.createTempFile("rideops-tar-", ".err");
        Path extractErr = Files.createTempFile("rideops-tar-", ".err");
        try {
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder(create).redirectError(createErr.toFile()),
                    new ProcessBuilder(extract)
                            .redirectError(extractErr.toFile())
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)));
            int created = pipeline.get(0).waitFor();
            int extracted = pipeline.get(1).waitFor();
            if (created != 0 || extracted != 0) {
                String why = (Files.readString(extractErr, StandardCharsets.UTF_8) + "\n"
                                + Files.readString(createErr, StandardCharsets.UTF_8))
                        .lines()
                        .filter(l -> !l.isBlank())
                        .findFirst()
                        .orElse("tar exited with " + (created != 0 ? created : extracted));
                throw new IOException("copying " + from + " to " + to + " failed: " + why);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + from, e);
        } finally {
            Files.deleteIfExists(createErr);
            Files.deleteIfExists(extractErr);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException ignored) {
            // a leftover .partial is ignored by list and replaced by the next save of that name
        }
    }

    private static void write(SnapshotInfo info, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", info.name());
        root.put("created_at", info.createdAt().toString());
        root.put("bytes", info.bytes());
        info.services().forEach(root.putArray("services")::add);
        root.put("job_state", info.jobState());
        var parts = root.putArray("parts");
        info.parts().forEach(parts::add);
        Files.writeString(file, JSON.writeValueAsString(root));
    }

    private static SnapshotInfo read(Path manifest) {
        try {
            JsonNode root = JSON.readTree(manifest.toFile());
            List<String> services = new ArrayList<>();
            root.path("services").forEach(n -> services.add(n.asText()));
            List<String> parts = new ArrayList<>();
            root.path("parts").forEach(n -> parts.add(n.asText()));
            JsonNode job = root.get("job_state");
            return new SnapshotInfo(
                    root.get("name").asText(),
                    Instant.parse(root.get("created_at").asText()),
                    root.get("bytes").asLong(),
                    services,
                    job == null || job.isNull() ? null : job.asText(),
                    parts);
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException(
                    "cannot read " + manifest + ": " + e.getMessage(),
                    "delete that snapshot ('rideops snapshot delete NAME') or restore the file");
        }
    }
}
