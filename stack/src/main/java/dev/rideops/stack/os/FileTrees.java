package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Directory trees: deleted children first without following links out of them, or sized. */
public final class FileTrees {

    private FileTrees() {}

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Bytes the given trees take on disk, as {@code du} counts them: allocated blocks, because Kafka preallocates
     * its index files sparsely (20 MiB that use next to nothing, per partition). Roots that are links are followed
     * (a PostgreSQL service's {@code data} is a link to where its cluster lives), links inside them are not. What
     * cannot be read, or vanishes during the walk (Kafka deletes segments, Flink old checkpoints), is skipped.
     * Empty when {@code du} cannot run.
     */
    public static OptionalLong allocatedBytes(List<Path> roots) {
        List<String> existing =
                roots.stream().filter(Files::exists).map(Path::toString).toList();
        if (existing.isEmpty()) {
            return OptionalLong.of(0);
        }
        List<String> command = new ArrayList<>(List.of("du", "-s", "-k", "-D", "-c", "--"));
        command.addAll(existing);
        try {
            Process du = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            du.waitFor();
            // the last line is "<KiB>\ttotal", even when some file could not be read
            return output.lines()
                    .reduce((first, second) -> second)
                    .filter(line -> line.endsWith("\ttotal"))
                    .map(line -> OptionalLong.of(Long.parseLong(line.substring(0, line.indexOf('\t'))) * 1024))
                    .orElse(OptionalLong.empty());
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
