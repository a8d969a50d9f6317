package dev.rideops.cli.commands;

import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.exporter.ExporterServer;
import dev.rideops.cli.exporter.PipelineMetrics;
import dev.rideops.cli.pipeline.StackLoad;
import dev.rideops.stack.Stack;
import dev.rideops.stack.services.ExporterService;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

@Command(
        name = "exporter",
        description = "Serve the pipeline's own metrics for Prometheus on 127.0.0.1:monitoring.exporter-port until "
                + "stopped: the mart's freshness per table, the recent match and cancel rates beside their baseline, "
                + "the last minute's headline KPIs, dead letters, committed consumer lag in records and seconds, the "
                + "CDC slot's lag in bytes, the CDC connector's tasks, each local service's CPU and RSS and free "
                + "disk. 'rideops up' runs it in the background (service 'exporter') where it runs Prometheus; run "
                + "it yourself for a Prometheus of your own.",
        footerHeading = "%nExample:%n",
        footer = {
            "  rideops exporter --set monitoring.exporter-port=9400 &",
            "  curl -s http://127.0.0.1:9400/metrics | grep rideops_match_rate"
        })
public class ExporterCommand extends BaseCommand {

    @Override
    protected int execute() throws IOException {
        int port = config().intValue(Setting.MONITORING_EXPORTER_PORT);
        Stack stack = Stacks.current(config());
        // the local services' CPU and RSS: none are found against remote services, so none are served
        PipelineMetrics metrics = new PipelineMetrics(
                PipelineMetrics.Settings.from(config(), Endpoints.from(config(), stack.spec())), new StackLoad(stack));
        ExporterServer server;
        try {
            server = ExporterServer.start(port, ExporterService.METRICS_PATH, () -> metrics.collect(Instant.now()));
        } catch (BindException e) {
            throw new RideopsException(
                    "the exporter cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(),
                    "'rideops status' shows whether the stack's exporter already runs; else free the port or set "
                            + "monitoring.exporter-port");
        }
        err().println("rideops: exporter serving http://127.0.0.1:" + server.port() + ExporterService.METRICS_PATH
                + " (Ctrl-C or SIGTERM stops it)");
        err().flush();
        try (server;
                OnSignal stop = OnSignal.interrupt(Duration.ofSeconds(5))) {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
