package dev.rideops.stack.disk;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The warning {@code status} and {@code preflight} give when the filesystem of $RIDEOPS_HOME has less free space
 * than {@code disk.min-free}, naming what under the home uses the most. A warning, not a failure: the stack still
 * runs, but a full disk stops Kafka, PostgreSQL and the search node all at once.
 */
public final class LowDisk {

    /** Users named in the warning. */
    private static final int NAMED = 3;

    public static final String FIX = "free space, lower kafka.retention-bytes, search.timeseries-retention-days or "
            + "logs.keep, or move RIDEOPS_HOME to a bigger disk "
            + "('rideops down --purge' deletes all of the stack's data)";

    private LowDisk() {}

    public static boolean low(DiskSpace space, long minFreeBytes) {
        return space.freeBytes() < minFreeBytes;
    }

    /** The one-line warning, or empty while at least {@code minFreeBytes} are free. */
    public static Optional<String> warning(Path home, DiskSpace space, long minFreeBytes, DiskUsage usage) {
        if (!low(space, minFreeBytes)) {
            return Optional.empty();
        }
        String biggest = usage.biggest(NAMED).stream()
                .map(e -> e.getKey() + " " + Bytes.human(e.getValue()))
                .collect(Collectors.joining(", "));
        return Optional.of("only " + Bytes.human(space.freeBytes()) + " free on the disk of " + home
                + " (disk.min-free is " + Bytes.human(minFreeBytes) + ")"
                + (biggest.isEmpty() ? "" : "; the most there: " + biggest));
    }
}
