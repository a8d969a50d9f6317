package dev.rideops.cli.exporter;

import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.pipeline.ServiceHandover;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackListener;
import dev.rideops.stack.lifecycle.ServiceFailedException;
import dev.rideops.stack.services.ExporterService;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Starts {@code rideops exporter} as the stack's background exporter service, for {@code up}. */
public final class BackgroundExporter {

    private BackgroundExporter() {}

    /**
     * Starts it with this command's config unless it runs, and waits until it answers. Monitoring is optional, so a
     * failure is one warning line naming the log, not a failed {@code up}; the exporter-down alert keeps saying so.
     */
    public static void ensureRunning(Stack stack, RideopsConfig config, StackListener progress, PrintWriter err)
            throws IOException {
        Instant began = Instant.now();
        // it reads the mart as the read-only role, Kafka as rideops's user and Connect's REST API with its login,
        // and asks Prometheus for its own login: no other secret in its hand-over
        ExporterService exporter = stack.exporter(ServiceHandover.of(
                        config,
                        stack.exporter(),
                        Setting.READER_PASSWORD,
                        Setting.MONITORING_EXPORTER_PASSWORD,
                        Setting.KAFKA_PASSWORD,
                        Setting.CONNECT_PASSWORD)
                .toJson());
        boolean startedNow = exporter.start();
        if (startedNow) {
            progress.starting(exporter.name());
        }
        try {
            exporter.awaitHealthy(exporter.startTimeout());
            progress.healthy(exporter.name(), exporter.endpoint(), Duration.between(began, Instant.now()), !startedNow);
        } catch (ServiceFailedException e) {
            exporter.stop(Duration.ofSeconds(10));
            err.println("rideops: warning: the pipeline exporter did not start (" + e.getMessage()
                    + "), so the alerts on its metrics cannot fire; see 'rideops logs exporter', then run 'rideops up' "
                    + "again");
            err.flush();
        }
    }
}
