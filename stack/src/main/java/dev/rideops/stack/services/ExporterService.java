package dev.rideops.stack.services;

import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pipeline exporter running in the background: the rideops CLI itself running {@code exporter}, which serves,
 * for Prometheus, what the job's own metrics cannot say (the mart's freshness, recent match and cancel rates, dead
 * letters, free disk). Runs with the config of the command that started it ({@link RideopsProcess}); healthy once
 * its HTTP endpoint answers to its login (it asks Prometheus and the probe alike for basic auth).
 */
public final class ExporterService extends RideopsProcess {

    public static final String NAME = "exporter";
    /** The command it runs; the port comes from the handed-over config ({@code monitoring.exporter-port}). */
    public static final List<String> CLI_ARGS = List.of("exporter");
    /** The Prometheus client server's own health path: answers 200 without collecting anything. */
    public static final String HEALTH_PATH = "/-/healthy";

    public static final String METRICS_PATH = "/metrics";

    /** Where the local Alertmanager's webhook posts what it notifies, with the same login as the scrapes. */
    public static final String ALERTMANAGER_PATH = "/alertmanager";

    private final Supplier<BasicAuth> login;

    /** @param login its user and password, looked up when probed (the password is a secret of the home) */
    public ExporterService(
            ServiceDirs dirs,
            RuntimeLayout runtimes,
            int port,
            String configHandover,
            Supplier<BasicAuth> login,
            LogRotation logRotation) {
        // A small heap: it holds one scrape's numbers at a time.
        super(NAME, dirs, port, Duration.ofSeconds(60), runtimes, CLI_ARGS, configHandover, 96, logRotation);
        this.login = login;
    }

    /**
     * What Alertmanager notified, one JSON line an alert, appended by the exporter (its own file, beside its service
     * log) and read by {@code rideops alerts --history}.
     */
    public Path alertsLog() {
        return dirs.root().resolve("alerts.log");
    }

    /** How far {@link #alertsLog} may grow: as far as a service log, rotated the same way. */
    public LogRotation alertsLogRotation() {
        return logRotation;
    }

    @Override
    public String probe() {
        return probeHttp(HEALTH_PATH, login.get());
    }

    @Override
    public String endpoint() {
        return httpEndpoint() + METRICS_PATH;
    }
}
