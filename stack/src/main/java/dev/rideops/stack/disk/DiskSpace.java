package dev.rideops.stack.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Free (usable by this user) and total bytes of one filesystem. */
public record DiskSpace(long freeBytes, long totalBytes) {

    /**
     * The filesystem that holds {@code path}, or will once it is created: that of its nearest existing ancestor.
     * Empty when the filesystem cannot be read.
     */
    public static Optional<DiskSpace> of(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            var store = Files.getFileStore(existing);
            return Optional.of(new DiskSpace(store.getUsableSpace(), store.getTotalSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
