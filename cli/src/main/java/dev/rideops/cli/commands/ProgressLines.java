package dev.rideops.cli.commands;

import dev.rideops.stack.StackListener;
import java.io.PrintWriter;
import java.time.Duration;

/** Prints a progress line per service on stderr as the stack starts or stops. */
final class ProgressLines implements StackListener {

    private final PrintWriter err;

    ProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void starting(String service) {
        err.printf("  %-20s starting%n", service);
        err.flush();
    }

    @Override
    public synchronized void healthy(String service, String endpoint, Duration took, boolean wasRunning) {
        err.printf(
                "  %-20s %s  %s%n",
                service,
                wasRunning ? "already running, healthy" : String.format("healthy in %.1fs", took.toMillis() / 1000.0),
                endpoint);
        err.flush();
    }

    @Override
    public synchronized void stopping(String service) {
        err.printf("  %-20s stopping%n", service);
        err.flush();
    }

    @Override
    public synchronized void stopped(String service, boolean forced, boolean wasRunning) {
        if (wasRunning) {
            err.printf("  %-20s %s%n", service, forced ? "stopped (forced after grace period)" : "stopped");
            err.flush();
        }
    }
}
