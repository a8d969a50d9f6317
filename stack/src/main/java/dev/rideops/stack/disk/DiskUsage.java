package dev.rideops.stack.disk;

import dev.rideops.stack.os.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Bytes on disk under $RIDEOPS_HOME by what uses them: each service's directory and the Flink cluster's
 * checkpoints and savepoints. Directories of services the current stack no longer runs (a third broker of an
 * earlier run) count too: they take space all the same. {@code bytes} is keyed by service name, and {@link #FLINK};
 * what could not be measured is absent.
 */
public record DiskUsage(Map<String, Long> bytes) {

    /** How the Flink cluster's state ({@code $RIDEOPS_HOME/flink}) is named among the users. */
    public static final String FLINK = "flink checkpoints";

    public DiskUsage {
        bytes = Map.copyOf(bytes);
    }

    /**
     * @param elsewhere other directories holding {@code services/<name>} of this stack (the monitoring services' files
     *     live outside a home the unprivileged user cannot reach)
     */
    public static DiskUsage of(Path home, Path... elsewhere) {
        Map<String, Long> bytes = new TreeMap<>();
        List<Path> roots = new ArrayList<>(List.of(home));
        roots.addAll(List.of(elsewhere));
        for (Path root : roots.stream().distinct().toList()) {
            for (Path service : serviceDirs(root.resolve("services"))) {
                FileTrees.allocatedBytes(withLinkedDirs(service))
                        .ifPresent(b -> bytes.put(service.getFileName().toString(), b));
            }
        }
        FileTrees.allocatedBytes(List.of(home.resolve("flink"))).ifPresent(b -> bytes.put(FLINK, b));
        return new DiskUsage(bytes);
    }

    private static List<Path> serviceDirs(Path services) {
        if (!Files.isDirectory(services)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(services)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            // gone while listed (down --purge): nothing is used there any more
            return List.of();
        }
    }

    /** The directory and the links to directories right in it: a PostgreSQL service's data lives elsewhere. */
    private static List<Path> withLinkedDirs(Path dir) {
        List<Path> roots = new ArrayList<>(List.of(dir));
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(p -> Files.isSymbolicLink(p) && Files.isDirectory(p))
                    .forEach(roots::add);
        } catch (IOException e) {
            // measured without them
        }
        return roots;
    }

    /** The {@code count} biggest users, biggest first. */
    public List<Map.Entry<String, Long>> biggest(int count) {
        return bytes.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(count)
                .toList();
    }
}
