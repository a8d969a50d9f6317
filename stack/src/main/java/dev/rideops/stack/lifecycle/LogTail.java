package dev.rideops.stack.lifecycle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from the end so a large log costs nothing. */
public final class LogTail {

    private static final int CHUNK = 64 * 1024;

    private LogTail() {}

    public static List<String> last(Path file, int lines) {
        if (lines <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = length;
            String text = "";
            while (start > 0) {
                start = Math.max(0, start - CHUNK);
                byte[] buffer = new byte[(int) (length - start)];
                raf.seek(start);
                raf.readFully(buffer);
                text = new String(buffer, StandardCharsets.UTF_8);
                if (text.lines().count() > lines) {
                    break;
                }
            }
            List<String> all = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all.remove(all.size() - 1);
            }
            if (start > 0 && !all.isEmpty()) {
                all.remove(0);
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
