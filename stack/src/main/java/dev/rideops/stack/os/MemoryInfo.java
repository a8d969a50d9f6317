package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Memory figures from {@code /proc/meminfo} and {@code /proc/<pid>/status}, in MiB. */
public final class MemoryInfo {

    private MemoryInfo() {}

    /** MemAvailable: what new processes can take without swapping. */
    public static OptionalLong availableMb(Path proc) {
        return fieldKb(proc.resolve("meminfo"), "MemAvailable:").stream()
                .map(kb -> kb / 1024)
                .findFirst();
    }

    public static OptionalLong totalMb(Path proc) {
        return fieldKb(proc.resolve("meminfo"), "MemTotal:").stream()
                .map(kb -> kb / 1024)
                .findFirst();
    }

    /** Resident set size of one process, empty when it is gone. */
    public static OptionalLong rssMb(Path proc, long pid) {
        return fieldKb(proc.resolve(Long.toString(pid)).resolve("status"), "VmRSS:").stream()
                .map(kb -> kb / 1024)
                .findFirst();
    }

    static OptionalLong fieldKb(Path file, String field) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
