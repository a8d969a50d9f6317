package dev.rideops.stack.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The one lifecycle every component of the stack follows: start, wait until healthy, stop (gracefully, then by
 * force), kill (a real SIGKILL), and a log file. Implementations are real OS processes.
 */
public interface Service {

    String name();

    /** Starts the process unless it already runs; returns whether it was started now. Does not wait. */
    boolean start() throws IOException;

    /** Polls the service's real protocol until it answers, the process dies, or the timeout passes. */
    void awaitHealthy(Duration timeout);

    /** One probe of the real protocol: null when healthy, else what is wrong. */
    String probe();

    /** SIGTERM (or the service's graceful signal), then SIGKILL after the grace period. Returns true if forced. */
    boolean stop(Duration grace);

    /** SIGKILL, no grace: the way a crash looks to the rest of the pipeline. */
    void kill();

    /**
     * SIGSTOP to the process and its children: it keeps its sockets and memory but answers nothing, the way a
     * long GC pause or a frozen VM looks to its peers. Fails if the service does not run.
     */
    void pause();

    /** SIGCONT to the process and its children, undoing {@link #pause()}; harmless when it was not paused. */
    void resume();

    Optional<ProcessHandle> process();

    Path logFile();

    /** The address users connect to, e.g. {@code 127.0.0.1:5432} or {@code http://127.0.0.1:8081}. */
    String endpoint();

    /** The main port, for status. */
    int port();

    /** How long this service usually needs to become healthy on the reference machine, with headroom. */
    Duration startTimeout();
}
