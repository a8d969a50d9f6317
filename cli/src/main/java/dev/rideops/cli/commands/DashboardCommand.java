package dev.rideops.cli.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rideops.cli.batch.CohortSchedule;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.Logins;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.env.StackEnvironment;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.cli.pipeline.StackLoad;
import dev.rideops.clients.http.BasicAuth;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "dashboard",
        description = "Serve the built-in live dashboard (Overview, Supply and demand, Drivers, Infrastructure, Data "
                + "quality) until interrupted. 'rideops up' runs it as the 'dashboard' service on 127.0.0.1, port "
                + "dashboard.port (8088). It asks for a login (basic auth): user dashboard.user (rideops), password "
                + "dashboard.password, generated into $RIDEOPS_HOME/secrets/dashboard unless set; --url says where.",
        subcommands = DashboardCommand.Export.class,
        footer = {
            "",
            "Examples:",
            "  rideops dashboard                       # http://127.0.0.1:8088 in the foreground",
            "  rideops dashboard --port 8090",
            "  rideops dashboard --url                 # where it is, its user, where its password is",
            "  rideops dashboard --url --show-password # the same with the password, to paste into the browser",
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
            names = "--url",
            description = "Print where the dashboard is, its user and where its password is set, and exit.")
    boolean url;

    @Option(
            names = "--show-password",
            description = "With --url: print the password too (it is never printed otherwise, nor logged).")
    boolean showPassword;

    @Mixin
    JsonMixin json;

    @Option(
            names = "--schedule-batch",
            hidden = true,
            description = "Also run the daily cohort batch schedule in this process (the stack's dashboard service).")
    boolean scheduleBatch;

    /** What {@code --url} prints; the password only when asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Login(String url, String user, String passwordFrom, String password) {}

    @Override
    protected int execute() throws IOException, InterruptedException {
        if (showPassword && !url) {
            throw new UsageException(
                    "--show-password goes with --url", "run 'rideops dashboard --url --show-password'");
        }
        // the login is generated on first need, like the database roles' passwords (up generates it too)
        RideopsConfig withLogin = config().withGeneratedSecrets(Setting.DASHBOARD_PASSWORD);
        BasicAuth login = Logins.dashboard(withLogin);
        if (url) {
            return printLogin(withLogin, login);
        }
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
                endpoints.searchAsReader(config()),
                Optional.of(new StackLoad(stack)));
        int listen = port != null ? port : config().intValue(Setting.DASHBOARD_PORT);
        DashboardServer server;
        try {
            server = DashboardServer.start(
                    bind, listen, data, config().intValue(Setting.HEALTH_MAX_FRESHNESS_SECONDS), login);
        } catch (BindException e) {
            throw new RideopsException(
                    "cannot listen on " + bind + ":" + listen + ": " + e.getMessage(),
                    "stop what holds the port ('rideops preflight' names it) or choose another with --port or "
                            + "dashboard.port");
        }
        // where the password is, never the password: as the stack's service this line goes to its log
        err().println("rideops: dashboard at http://" + bind + ":" + server.port() + "/ for user " + login.user()
                + " (password: " + StackEnvironment.whereSet(withLogin, Setting.DASHBOARD_PASSWORD)
                + "; 'rideops dashboard --url --show-password' prints it; Ctrl-C stops it)");
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

    private int printLogin(RideopsConfig withLogin, BasicAuth login) {
        int listen = port != null
                ? port
                : Stacks.current(config()).spec().dashboard().port();
        Login report = new Login(
                "http://127.0.0.1:" + listen + "/",
                login.user(),
                StackEnvironment.whereSet(withLogin, Setting.DASHBOARD_PASSWORD),
                showPassword ? login.password() : null);
        if (json.enabled()) {
            Json.print(out(), report);
            return 0;
        }
        out().printf("%-10s %s%n", "url", report.url());
        out().printf("%-10s %s%n", "user", report.user());
        out().printf("%-10s %s%n", "password", showPassword ? report.password() : report.passwordFrom());
        out().flush();
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
