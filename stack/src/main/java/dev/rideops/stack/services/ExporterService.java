package dev.rideops.stack.services;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.time.Duration;
import java.util.List;

/**
 * The pipeline exporter running in the background: the rideops CLI itself running {@code exporter}, which serves,
 * for Prometheus, what the job's own metrics cannot say (the mart's freshness, recent match and cancel rates, dead
 * letters, free disk). Runs with the config of the command that started it ({@link RideopsProcess}); healthy once
 * its HTTP endpoint answers.
 */
public final class ExporterService extends RideopsProcess {

    public static final String NAME = "exporter";
    /** The command it runs; the port comes from the handed-over config ({@code monitoring.exporter-port}). */
    public static final List<String> CLI_ARGS = List.of("exporter");
    /** The Prometheus client server's own health path: answers 200 without collecting anything. */
    public static final String HEALTH_PATH = "/-/healthy";

    public static final String METRICS_PATH = "/metrics";

    public ExporterService(
            ServiceDirs dirs, RuntimeLayout runtimes, int port, String configHandover, LogRotation logRotation) {
        // A small heap: it holds one scrape's numbers at a time.
        super(NAME, dirs, port, Duration.ofSeconds(60), runtimes, CLI_ARGS, configHandover, 96, logRotation);
    }

    @Override
    public String probe() {
        return probeHttp(HEALTH_PATH);
    }

    @Override
    public String endpoint() {
        return httpEndpoint() + METRICS_PATH;
    }
}
