package dev.rideops.stack.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A pid plus the process start time, so a recycled pid is never mistaken for our service after a reboot or crash.
 */
public record PidFile(Path path) {

    public void write(ProcessHandle process) throws IOException {
        String started = process.info().startInstant().map(Instant::toString).orElse("");
        // a new file, never through a link left in its place (the directory may be shared with the service's user)
        Files.deleteIfExists(path);
        Files.writeString(path, process.pid() + " " + started + "\n", java.nio.file.StandardOpenOption.CREATE_NEW);
    }

    /** The live process this file names, if it still runs and is the same process. */
    public Optional<ProcessHandle> alive() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(path).trim().split(" ");
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
        } catch (IOException e) {
            // a stale pid file is harmless: alive() checks the start time
        }
    }
}
