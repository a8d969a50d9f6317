package dev.rideops.cli.commands;

import dev.rideops.cli.alerts.AlertLog;
import dev.rideops.cli.alerts.AlertmanagerWebhook;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.Logins;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.env.StackEnvironment;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.exporter.ExporterServer;
import dev.rideops.cli.exporter.PipelineMetrics;
import dev.rideops.cli.pipeline.StackLoad;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.Stack;
import dev.rideops.stack.services.ExporterService;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
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
                + "it yourself for a Prometheus of your own. It asks for basic auth: user monitoring.exporter-user "
                + "(prometheus), password monitoring.exporter-password (generated into $RIDEOPS_HOME/secrets/exporter "
                + "unless set). Alertmanager's webhook may POST to /alertmanager with that login: each alert, firing "
                + "or resolved, is appended to $RIDEOPS_HOME/services/exporter/alerts.log for 'rideops alerts "
                + "--history'.",
        footerHeading = "%nExample:%n",
        footer = {
            "  rideops exporter --set monitoring.exporter-port=9400 &",
            "  curl -s -u \"prometheus:$(cat ~/.rideops/secrets/exporter)\" \\",
            "      http://127.0.0.1:9400/metrics | grep rideops_match_rate"
        })
public class ExporterCommand extends BaseCommand {

    @Override
    protected int execute() throws IOException {
        int port = config().intValue(Setting.MONITORING_EXPORTER_PORT);
        RideopsConfig withLogin = config().withGeneratedSecrets(Setting.MONITORING_EXPORTER_PASSWORD);
        BasicAuth login = Logins.exporter(withLogin);
        Stack stack = Stacks.current(config());
        // the local services' CPU and RSS: none are found against remote services, so none are served
        PipelineMetrics metrics = new PipelineMetrics(
                PipelineMetrics.Settings.from(config(), Endpoints.from(config(), stack.spec())), new StackLoad(stack));
        AlertLog alertLog =
                new AlertLog(stack.exporter().alertsLog(), stack.exporter().alertsLogRotation());
        ExporterServer server;
        try {
            server = ExporterServer.start(
                    port,
                    ExporterService.METRICS_PATH,
                    () -> metrics.collect(Instant.now()),
                    login,
                    new AlertmanagerWebhook(ExporterService.ALERTMANAGER_PATH, alertLog, Clock.systemUTC()));
        } catch (BindException e) {
            throw new RideopsException(
                    "the exporter cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(),
                    "'rideops status' shows whether the stack's exporter already runs; else free the port or set "
                            + "monitoring.exporter-port");
        }
        // where the password is, never the password: this line goes to the service's log
        err().println("rideops: exporter serving http://127.0.0.1:" + server.port() + ExporterService.METRICS_PATH
                + " to user " + login.user() + " (password: "
                + StackEnvironment.whereSet(withLogin, Setting.MONITORING_EXPORTER_PASSWORD)
                + "; Ctrl-C or SIGTERM stops it)");
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
