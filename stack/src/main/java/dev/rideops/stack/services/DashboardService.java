package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.time.Duration;
import java.util.List;

/**
 * The built-in dashboard: the rideops CLI itself running {@code dashboard} on 127.0.0.1, which reads the mart, the
 * search index and Prometheus. Runs with the config of the command that started it ({@link RideopsProcess});
 * healthy when {@code /api/health} answers.
 */
public final class DashboardService extends RideopsProcess {

    public static final String NAME = "dashboard";
    static final String ADDRESS = "127.0.0.1";

    public DashboardService(
            ServiceDirs dirs, int port, RuntimeLayout runtimes, String configHandover, LogRotation logRotation) {
        // A CLI JVM starts in about two seconds on the reference machine.
        super(
                NAME,
                dirs,
                port,
                Duration.ofSeconds(60),
                runtimes,
                List.of("dashboard"),
                configHandover,
                256,
                logRotation);
    }

    @Override
    protected List<String> trailingArgs() {
        // the stack's dashboard also runs the daily cohort batch schedule (cli batch.CohortSchedule)
        return List.of("--bind", ADDRESS, "--port", Integer.toString(port()), "--schedule-batch");
    }

    @Override
    public String probe() {
        return probeHttp("/api/health");
    }

    @Override
    public String endpoint() {
        return httpEndpoint();
    }
}
