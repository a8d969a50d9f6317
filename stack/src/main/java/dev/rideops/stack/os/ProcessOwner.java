package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Who a process runs as: the owner of its {@code /proc/<pid>} directory, which is the process's effective user. */
public final class ProcessOwner {

    private ProcessOwner() {}

    /** The user's name (its uid when it has none); empty when the process is gone. */
    public static Optional<String> of(Path proc, long pid) {
        try {
            return Optional.of(Files.getOwner(proc.resolve(Long.toString(pid))).getName());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
