package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who a process runs as: the effective uid of the kernel's {@code /proc/<pid>/status} (not the owner of
 * {@code /proc/<pid>}, which is root for a process the kernel deems not dumpable), named from {@code /etc/passwd}.
 */
public final class ProcessOwner {

    private ProcessOwner() {}

    /** The user's name (its uid when {@code /etc/passwd} has none); empty when the process is gone. */
    public static Optional<String> of(Path proc, long pid) {
        return of(proc, pid, Path.of("/etc/passwd"));
    }

    static Optional<String> of(Path proc, long pid, Path passwd) {
        Optional<String> uid = effectiveUid(proc, pid);
        return uid.map(u -> name(passwd, u).orElse(u));
    }

    /** The second of the Uid line's real, effective, saved and filesystem uids. */
    static Optional<String> effectiveUid(Path proc, long pid) {
        try {
            for (String line :
                    Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 ? Optional.of(ids[1]) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> name(Path passwd, String uid) {
        try {
            List<String> lines = Files.readAllLines(passwd);
            for (String line : lines) {
                String[] fields = line.split(":", -1);
                if (fields.length > 2 && fields[2].equals(uid)) {
                    return Optional.of(fields[0]);
                }
            }
        } catch (IOException e) {
            // no names: the uid it is
        }
        return Optional.empty();
    }
}
