package dev.rideops.stack.snapshot;

import java.time.Duration;

/** Progress of a save or load, one part (a service's data, the job state) at a time. */
public interface SnapshotProgress {

    /** Before a part is copied; {@code bytes} is its size on disk (-1 when unknown). */
    default void copying(String part, long bytes) {}

    default void copied(String part, long bytes, Duration took) {}

    /** Something the user should know that does not stop the run. */
    default void warning(String message) {}
}
