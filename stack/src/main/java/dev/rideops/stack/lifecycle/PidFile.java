package dev.rideops.stack.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * A pid plus the process start time, so a recycled pid is never mistaken for our service after a reboot or crash.
 *
 * <p>{@code path} lies in the service's directory, which only root and the service's user may enter when rideops is
 * root. {@code forOthers} is where a copy anyone may read goes then (a pid is no secret: {@code ps} shows it), so
 * rideops's own services, running as their own users, still find the servers' processes (the exporter's and the
 * dashboard's CPU and memory per service).
 */
public record PidFile(Path path, Path forOthers) {

    /** @param shared whether the service runs as its own user, so the copy for others is written too */
    public void write(ProcessHandle process, boolean shared) throws IOException {
        String content = process.pid() + " "
                + process.info().startInstant().map(Instant::toString).orElse("") + "\n";
        writeNew(path, content);
        if (shared) {
            writeNew(forOthers, content);
            // whatever root's umask: readable by the services' users
            Files.setPosixFilePermissions(forOthers, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** A new file, never through a link left in its place (the directory may be shared with the service's user). */
    private static void writeNew(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.writeString(file, content, java.nio.file.StandardOpenOption.CREATE_NEW);
    }

    /** The live process this file names, if it still runs and is the same process. */
    public Optional<ProcessHandle> alive() {
        // a user other than the service's and root's cannot see the file in the service's directory: the copy, then
        Path readable = Files.isReadable(path) ? path : forOthers;
        if (!Files.isRegularFile(readable)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(readable).trim().split(" ");
            long pid = Long.parseLong(parts[0]);
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (handle.isPresent() && parts.length > 1 && !parts[1].isEmpty()) {
                String started = handle.get()
                        .info()
                        .startInstant()
                        .map(Instant::toString)
                        .orElse("");
                if (!started.isEmpty() && !started.equals(parts[1])) {
                    return Optional.empty();
                }
            }
            return handle;
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(forOthers);
        } catch (IOException e) {
            // a stale pid file is harmless: alive() checks the start time
        }
    }
}
