package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rideops.stack.Stack;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.CurrentUser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rideops alerts} against canned answers of Prometheus's HTTP API, served on a free port. */
class AlertsCommandTest {

    private static final String FIRING_AND_PENDING = """
            {"status":"success","data":{"alerts":[
              {"labels":{"alertname":"RideopsConsumerLagHigh","severity":"warning","job_name":"rideops_job"},
               "annotations":{"summary":"The job is 61000 CDC records behind the source (limit 50000).",
                              "runbook":"rideops status, then lower the load"},
               "state":"pending","activeAt":"2026-11-28T21:40:00.123456789Z","value":"6.1e+04"},
              {"labels":{"alertname":"RideopsTargetDown","severity":"critical","job":"flink",
                         "instance":"127.0.0.1:9250"},
               "annotations":{"summary":"Prometheus cannot scrape flink at 127.0.0.1:9250.",
                              "runbook":"rideops status names the service that is down"},
               "state":"firing","activeAt":"2026-11-28T21:42:19.398841221Z","value":"0e+00"}]}}
            """;

    private static final String PENDING_ONLY = """
            {"status":"success","data":{"alerts":[
              {"labels":{"alertname":"RideopsJobNotRunning","severity":"critical","job":"flink",
                         "instance":"127.0.0.1:9249"},
               "annotations":{"summary":"No Flink job runs on the session cluster, so no KPIs are computed.",
                              "runbook":"rideops logs flink-jobmanager, then rideops deploy"},
               "state":"pending","activeAt":"2026-11-28T21:42:19Z","value":"0e+00"}]}}
            """;

    private static final String NONE = """
            {"status":"success","data":{"alerts":[]}}
            """;

    /** Two restarts a few minutes apart: samples every 15 s while it fired, none between. */
    private static final String HISTORY = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"ALERTS","alertname":"RideopsJobRestarting","alertstate":"firing",
                         "severity":"warning","job":"flink","instance":"127.0.0.1:9249","job_name":"rideops_job"},
               "values":[[1795900000,"1"],[1795900015,"1"],[1795900030,"1"],
                         [1795900600,"1"],[1795900615,"1"]]}]}}
            """;

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves the alerts and range-query answers given; returns the URL. */
    private String prometheus(String alerts, String range) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/alerts", exchange -> answer(exchange, alerts));
        server.createContext("/api/v1/query_range", exchange -> {
            queries.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            answer(exchange, range);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private CliRun alerts(String url, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "alerts";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(
                Map.of("RIDEOPS_HOME", dir.resolve("home").toString(), "RIDEOPS_MONITORING_PROMETHEUS_URL", url),
                dir,
                all);
    }

    @Test
    void aFiringAlertIsListedFirstWithWhatToRunAndExitsOne() throws IOException {
        String url = prometheus(FIRING_AND_PENDING, NONE);

        CliRun r = alerts(url);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out().lines().toList())
                .startsWith(
                        "ALERT                   STATE    SEVERITY  SINCE                 SUMMARY",
                        "----------------------  -------  --------  --------------------  "
                                + "-------------------------------------------------------------",
                        "RideopsTargetDown       firing   critical  2026-11-28T21:42:19Z  "
                                + "Prometheus cannot scrape flink at 127.0.0.1:9250.",
                        "RideopsConsumerLagHigh  pending  warning   2026-11-28T21:40:00Z  "
                                + "The job is 61000 CDC records behind the source (limit 50000).")
                .contains(
                        "  RideopsTargetDown: rideops status names the service that is down",
                        "  RideopsConsumerLagHigh: rideops status, then lower the load")
                .endsWith("1 firing, 1 pending (Prometheus at " + url + ")");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void pendingAlertsAloneExitZero() throws IOException {
        CliRun r = alerts(prometheus(PENDING_ONLY, NONE));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("RideopsJobNotRunning  pending").contains("0 firing, 1 pending");
    }

    @Test
    void noAlertsSaySoAndExitZero() throws IOException {
        String url = prometheus(NONE, NONE);

        CliRun r = alerts(url);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("no alerts firing or pending (Prometheus at " + url + ")");
    }

    @Test
    void jsonCountsAndListsTheAlertsWithTheirLabels() throws IOException {
        String url = prometheus(FIRING_AND_PENDING, NONE);

        CliRun r = alerts(url, "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("prometheus").asText()).isEqualTo(url);
        assertThat(report.get("firing").asInt()).isEqualTo(1);
        assertThat(report.get("pending").asInt()).isEqualTo(1);
        JsonNode first = report.get("alerts").get(0);
        assertThat(first.get("alert").asText()).isEqualTo("RideopsTargetDown");
        assertThat(first.get("state").asText()).isEqualTo("firing");
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(first.get("active_since").asText()).isEqualTo("2026-11-28T21:42:19Z");
        assertThat(first.get("runbook").asText()).isEqualTo("rideops status names the service that is down");
        assertThat(first.get("labels").properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("instance", "job");
    }

    @Test
    void historyShowsEachFiringPeriodFromTheAlertsSeries() throws IOException {
        String url = prometheus(NONE, HISTORY);

        CliRun r = alerts(url, "--history", "--since", "7d");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(queries).singleElement().asString().startsWith("query=ALERTS{alertstate=\"firing\"}&start=");
        assertThat(r.out().lines().toList())
                .contains(
                        "RideopsJobRestarting  warning   2026-11-28T21:06:40Z  2026-11-28T21:07:10Z  30s     "
                                + "instance=127.0.0.1:9249 job=flink job_name=rideops_job",
                        "RideopsJobRestarting  warning   2026-11-28T21:16:40Z  2026-11-28T21:16:55Z  15s     "
                                + "instance=127.0.0.1:9249 job=flink job_name=rideops_job")
                .last()
                .asString()
                .startsWith("2 firing periods since ");

        JsonNode json =
                new ObjectMapper().readTree(alerts(url, "--history", "--json").out());
        assertThat(json.get("source").asText()).isEqualTo("prometheus");
        assertThat(json.get("periods")).hasSize(2);
        assertThat(json.at("/periods/0/lasted_seconds").asLong()).isEqualTo(30);
        assertThat(json.at("/periods/0/ongoing").asBoolean()).isFalse();
    }

    /**
     * Where the exporter logs what Alertmanager notified, the log makes the history, and Prometheus is not asked: a
     * period per alert from its firing line to its resolution, repeats and all.
     */
    @Test
    void historyComesFromTheAlertmanagerLogWhenThereIsOne() throws IOException {
        Path home = dir.resolve("home");
        // reachable by others, so that as root too the services stay under the home
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(
                home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path log = ServiceDirs.of(Stack.servicesHome(home, CurrentUser.isRoot()), "exporter")
                .root()
                .resolve("alerts.log");
        Files.createDirectories(log.getParent());
        Instant started = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        String line = "{\"status\":\"%s\",\"alertname\":\"RideopsMartStale\",\"severity\":\"warning\","
                + "\"labels\":{\"table\":\"kpi_minute\"},\"startsAt\":\"%s\",\"endsAt\":\"%s\","
                + "\"summary\":\"stale\",\"receivedAt\":\"%s\"}\n";
        Files.writeString(
                log,
                line.formatted("firing", started, "0001-01-01T00:00:00Z", started.plusSeconds(10))
                        + line.formatted("firing", started, "0001-01-01T00:00:00Z", started.plusSeconds(70))
                        + line.formatted("resolved", started, started.plusSeconds(150), started.plusSeconds(160)));
        String url = prometheus(NONE, HISTORY);

        JsonNode json =
                new ObjectMapper().readTree(alerts(url, "--history", "--json").out());

        assertThat(queries).isEmpty();
        assertThat(json.get("source").asText()).isEqualTo("alertmanager-log");
        assertThat(json.get("log").asText()).isEqualTo(log.toString());
        assertThat(json.get("periods")).hasSize(1);
        assertThat(json.at("/periods/0/alert").asText()).isEqualTo("RideopsMartStale");
        assertThat(json.at("/periods/0/from").asText()).isEqualTo(started.toString());
        assertThat(json.at("/periods/0/lasted_seconds").asLong()).isEqualTo(150);
        assertThat(json.at("/periods/0/labels/table").asText()).isEqualTo("kpi_minute");

        CliRun text = alerts(url, "--history");
        String last = text.out().lines().reduce((a, b) -> b).orElseThrow();
        String suffix = " (Alertmanager's notifications in " + log + ")";
        assertThat(last).startsWith("1 firing period since ").endsWith(suffix);
        // each run counts its window back from its own now: the two may straddle a second
        Instant since =
                Instant.parse(last.substring("1 firing period since ".length(), last.length() - suffix.length()));
        assertThat(since)
                .isBetween(
                        Instant.parse(json.get("from").asText()),
                        Instant.parse(json.get("from").asText()).plusSeconds(5));
    }

    @Test
    void anUnreachablePrometheusIsOneLineNamingTheFix() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        CliRun r = alerts("http://127.0.0.1:" + closed);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines())
                .containsExactly("rideops: Prometheus is not reachable at http://127.0.0.1:" + closed
                        + "; start the local one with 'rideops up' (prometheus must be installed), or set "
                        + "monitoring.prometheus-url to a Prometheus that runs");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void sinceWithoutHistoryIsAUsageError() throws IOException {
        CliRun r = alerts(prometheus(NONE, NONE), "--since", "1h");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly("rideops: --since goes with --history; add --history, or leave --since out");
    }
}
