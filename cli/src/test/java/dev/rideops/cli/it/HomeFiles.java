package dev.rideops.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a rideops home as a scan for secrets walks them (SecretsIT's on the shared stack, the TLS files' on
 * StackIT's): the home and, as root with a home the service users cannot enter, the servers' files under
 * {@code /var/tmp/rideops-*-<key>}, without the home's {@code secrets/} (where every secret is meant to be).
 */
final class HomeFiles {

    /** Bigger files are the runtimes' jars and binaries, which rideops never writes. */
    private static final long LARGEST_SCANNED = 256L << 20;

    interface Visitor {
        void visit(Path file, BasicFileAttributes attrs) throws IOException;
    }

    private HomeFiles() {}

    /** What names the home's directories under /var/tmp: the hash of its path, as rideops computes it. */
    static String key(Path home) {
        return Integer.toHexString(home.toAbsolutePath().normalize().toString().hashCode());
    }

    /**
     * Every file but those in the home's {@code secrets/}. The services keep running: a file (a segment, a checkpoint)
     * deleted under the walk is skipped, not a failure.
     */
    static void walk(Path home, Visitor visitor) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(home));
        String key = key(home);
        try (Stream<Path> shared = Files.list(Path.of("/var/tmp"))) {
            shared.filter(p -> p.getFileName().toString().startsWith("rideops-")
                            && p.getFileName().toString().endsWith("-" + key))
                    .forEach(roots::add);
        }
        for (Path root : roots) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(home.resolve("secrets"))
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    visitor.visit(f, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    /**
     * A file's bytes as text in which any byte sequence can be found (ISO-8859-1), or null for what is not scanned: not
     * a regular file, bigger than the scan reads, or deleted meanwhile.
     */
    static String text(Path f, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile() || attrs.size() > LARGEST_SCANNED) {
            return null;
        }
        try {
            return Files.readString(f, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** The command line of every process the test may see. */
    static List<String> commandLines() {
        List<String> lines = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(lines::add));
        return lines;
    }
}
