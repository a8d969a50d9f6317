package dev.rideops.stack;

import java.time.Duration;

/** Progress of long stack operations, so commands can show a line per service as it happens. */
public interface StackListener {

    default void starting(String service) {}

    default void healthy(String service, String endpoint, Duration took, boolean wasRunning) {}

    default void stopping(String service) {}

    default void stopped(String service, boolean forced, boolean wasRunning) {}

    StackListener SILENT = new StackListener() {};
}
