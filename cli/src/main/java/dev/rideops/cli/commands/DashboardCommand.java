package dev.rideops.cli.commands;

import dev.rideops.cli.batch.CohortSchedule;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.cli.pipeline.StackLoad;
import dev.rideops.clients.prometheus.PrometheusQueries;
import dev.rideops.clients.reporting.MartQueries;
import dev.rideops.dashboard.data.PanelData;
import dev.rideops.dashboard.export.GrafanaDashboard;
import dev.rideops.dashboard.export.KibanaObjects;
import dev.rideops.dashboard.server.DashboardServer;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "dashboard",
        description = "Serve the built-in live dashboard (Overview, Supply and demand, Drivers, Infrastructure, Data "
                + "quality) until interrupted. 'rideops up' runs it as the 'dashboard' service on 127.0.0.1, port "
                + "dashboard.port (8088).",
        subcommands = DashboardCommand.Export.class,
        footer = {
            "",
            "Examples:",
            "  rideops dashboard                       # http://127.0.0.1:8088 in the foreground",
            "  rideops dashboard --port 8090",
            "  rideops dashboard export --grafana rideops.grafana.json --kibana rideops.kibana.ndjson"
        })
public class DashboardCommand extends BaseCommand {

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: dashboard.port).")
    Integer port;

    @Option(
            names = "--schedule-batch",
            hidden = true,
            description = "Also run the daily cohort batch schedule in this process (the stack's dashboard service).")
    boolean scheduleBatch;

    @Override
    protected int execute() throws IOException, InterruptedException {
        Stack stack = Stacks.current(config());
        StackSpec spec = stack.spec();
        Endpoints endpoints = Endpoints.from(config(), spec);
        boolean prometheusRuns =
                !config().get(Setting.MONITORING_PROMETHEUS_URL).isBlank()
                        || spec.monitoring().runsPrometheus();
        PanelData data = new PanelData(
                new MartQueries(
                        endpoints.reportingJdbcUrl(),
                        // read-only, like verify: the dashboard never writes the mart
                        config().get(Setting.READER_USER),
                        config().get(Setting.READER_PASSWORD)),
                prometheusRuns ? Optional.of(new PrometheusQueries(endpoints.prometheusUrl())) : Optional.empty(),
                endpoints.search(config()),
                Optional.of(new StackLoad(stack)));
        int listen = port != null ? port : config().intValue(Setting.DASHBOARD_PORT);
        DashboardServer server;
        try {
            server = DashboardServer.start(bind, listen, data, config().intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS));
        } catch (BindException e) {
            throw new RideopsException(
                    "cannot listen on " + bind + ":" + listen + ": " + e.getMessage(),
                    "stop what holds the port ('rideops preflight' names it) or choose another with --port or "
                            + "dashboard.port");
        }
        err().println("rideops: dashboard at http://" + bind + ":" + server.port() + "/ (Ctrl-C stops it)");
        err().flush();
        if (scheduleBatch) {
            // the stack's one long-running CLI process that up always starts and down stops: the daily schedule
            // of the cohort batch lives here (README: Cohorts)
            CohortSchedule.start(
                    config(),
                    () -> Endpoints.from(config(), Stacks.current(config()).spec()),
                    PipelineDeployment::builtJobJar,
                    err());
        }
        new CountDownLatch(1).await();
        return 0;
    }

    @Command(
            name = "export",
            description = "Write the Grafana dashboard (JSON) and the Kibana saved objects (.ndjson), generated from "
                    + "the same panel catalogue as the built-in dashboard.",
            footer = {
                "",
                "Example:",
                "  rideops dashboard export --grafana rideops.grafana.json --kibana rideops.kibana.ndjson"
            })
    static class Export extends BaseCommand {

        @Option(
                names = "--grafana",
                paramLabel = "FILE",
                description = "Grafana dashboard JSON: PostgreSQL (reporting_db) panels and Prometheus panels; "
                        + "import it and pick the two data sources.")
        Path grafana;

        @Option(
                names = "--kibana",
                paramLabel = "FILE",
                description = "Kibana saved objects: data views driver_locations and "
                        + "driver_locations_timeseries-*, maps, and the Overview, Supply and demand, Drivers and "
                        + "Infrastructure dashboards over the search indexes.")
        Path kibana;

        @Override
        protected int execute() {
            if (grafana == null && kibana == null) {
                throw new UsageException("nothing to export", "give --grafana FILE, --kibana FILE or both");
            }
            if (grafana != null) {
                write(grafana, GrafanaDashboard.json());
                err().println("rideops: wrote the Grafana dashboard to " + grafana);
            }
            if (kibana != null) {
                write(kibana, KibanaObjects.ndjson());
                err().println("rideops: wrote the Kibana saved objects to " + kibana);
            }
            return 0;
        }

        private static void write(Path file, String content) {
            try {
                Files.writeString(file, content);
            } catch (IOException e) {
                throw new RideopsException(
                        "cannot write " + file + ": " + e.getMessage(), "choose a file in a directory you can write");
            }
        }
    }
}
