package dev.rideops.stack.services;

import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The built-in dashboard: the rideops CLI itself running {@code dashboard} on 127.0.0.1, which reads the mart, the
 * search index and Prometheus. Runs with the config of the command that started it ({@link RideopsProcess});
 * healthy when {@code /api/health} answers to its login (it asks for basic auth on every path).
 */
public final class DashboardService extends RideopsProcess {

    public static final String NAME = "dashboard";
    static final String ADDRESS = "127.0.0.1";

    private final Supplier<BasicAuth> login;

    /** @param login its user and password, looked up when probed (the password is a secret of the home) */
    public DashboardService(
            ServiceDirs dirs,
            int port,
            RuntimeLayout runtimes,
            String configHandover,
            Supplier<BasicAuth> login,
            LogRotation logRotation) {
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
        this.login = login;
    }

    @Override
    protected List<String> trailingArgs() {
        // the stack's dashboard also runs the daily cohort batch schedule (cli batch.CohortSchedule)
        return List.of("--bind", ADDRESS, "--port", Integer.toString(port()), "--schedule-batch");
    }

    @Override
    public String probe() {
        return probeHttp("/api/health", login.get());
    }

    @Override
    public String endpoint() {
        return httpEndpoint();
    }
}
