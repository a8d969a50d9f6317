package dev.rideops.cli.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.cli.exporter.ExporterServer;
import dev.rideops.cli.exporter.Gauges;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.lifecycle.LogRotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter's {@code /alertmanager} endpoint, on an ephemeral port, fed Alertmanager's documented payload. */
class AlertmanagerWebhookTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final BasicAuth LOGIN = new BasicAuth("prometheus", "scrape-Secret_1");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T21:43:00Z"), ZoneOffset.UTC);

    /** Alertmanager's webhook body (version 4): one group, a firing alert and a resolved one. */
    static final String PAYLOAD = """
            {"version":"4","groupKey":"{}:{alertname=\\"RideopsTargetDown\\"}","truncatedAlerts":0,
             "status":"firing","receiver":"rideops",
             "groupLabels":{"alertname":"RideopsTargetDown"},
             "commonLabels":{"alertname":"RideopsTargetDown","severity":"critical","job":"flink"},
             "commonAnnotations":{},"externalURL":"http://127.0.0.1:9095",
             "alerts":[
               {"status":"firing",
                "labels":{"alertname":"RideopsTargetDown","severity":"critical","job":"flink",
                          "instance":"127.0.0.1:9250"},
                "annotations":{"summary":"Prometheus cannot scrape flink at 127.0.0.1:9250.",
                               "runbook":"rideops status names the service that is down"},
                "startsAt":"2026-11-28T21:42:19.398841221Z","endsAt":"0001-01-01T00:00:00Z",
                "generatorURL":"http://127.0.0.1:9090/graph","fingerprint":"c5b2f1c3d1e4a6b7"},
               {"status":"resolved",
                "labels":{"alertname":"RideopsTargetDown","severity":"critical","job":"flink",
                          "instance":"127.0.0.1:9249"},
                "annotations":{"summary":"Prometheus cannot scrape flink at 127.0.0.1:9249."},
                "startsAt":"2026-11-28T21:30:04Z","endsAt":"2026-11-28T21:41:34Z",
                "generatorURL":"http://127.0.0.1:9090/graph","fingerprint":"a1b2c3d4e5f60718"}]}
            """;

    @TempDir
    Path dir;

    private AlertLog log() {
        return new AlertLog(dir.resolve("alerts.log"), new LogRotation(1 << 20, 2));
    }

    private ExporterServer server(AlertLog log) throws Exception {
        return ExporterServer.start(
                0, "/metrics", Gauges::new, LOGIN, new AlertmanagerWebhook("/alertmanager", log, CLOCK));
    }

    private static HttpResponse<String> post(ExporterServer server, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachAlertOfThePayloadIsAppendedAsOneJsonLine() throws Exception {
        AlertLog log = log();
        try (ExporterServer server = server(log)) {
            assertThat(post(server, "/alertmanager", PAYLOAD, LOGIN.header()).statusCode())
                    .isEqualTo(200);
            assertThat(post(server, "/alertmanager", PAYLOAD, LOGIN.header()).statusCode())
                    .isEqualTo(200);
        }

        assertThat(Files.readAllLines(log.file())).hasSize(4);
        assertThat(log.read())
                .startsWith(
                        new LoggedAlert(
                                "firing",
                                "RideopsTargetDown",
                                "critical",
                                Map.of("instance", "127.0.0.1:9250", "job", "flink"),
                                "2026-11-28T21:42:19.398841221Z",
                                "0001-01-01T00:00:00Z",
                                "Prometheus cannot scrape flink at 127.0.0.1:9250.",
                                "2026-11-28T21:43:00Z"),
                        new LoggedAlert(
                                "resolved",
                                "RideopsTargetDown",
                                "critical",
                                Map.of("instance", "127.0.0.1:9249", "job", "flink"),
                                "2026-11-28T21:30:04Z",
                                "2026-11-28T21:41:34Z",
                                "Prometheus cannot scrape flink at 127.0.0.1:9249.",
                                "2026-11-28T21:43:00Z"));
    }

    /** The webhook asks for the scrapes' login: without it, or with a wrong one, 401 and nothing logged. */
    @Test
    void aMissingOrWrongLoginIsRefusedAndLogsNothing() throws Exception {
        AlertLog log = log();
        try (ExporterServer server = server(log)) {
            assertThat(post(server, "/alertmanager", PAYLOAD, null).statusCode())
                    .isEqualTo(401);
            assertThat(post(server, "/alertmanager", PAYLOAD, new BasicAuth("prometheus", "guess").header())
                            .statusCode())
                    .isEqualTo(401);
        }

        assertThat(log.exists()).isFalse();
    }

    @Test
    void anythingButThePayloadOnItsPathIsRefusedAndLogsNothing() throws Exception {
        AlertLog log = log();
        try (ExporterServer server = server(log)) {
            assertThat(post(server, "/alertmanager", "{\"version\":\"4\"}", LOGIN.header())
                            .statusCode())
                    .isEqualTo(400);
            assertThat(post(server, "/alertmanager", "not json", LOGIN.header()).statusCode())
                    .isEqualTo(400);
            assertThat(post(server, "/elsewhere", PAYLOAD, LOGIN.header()).statusCode())
                    .isEqualTo(404);
            HttpResponse<String> get = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/alertmanager"))
                            .header("Authorization", LOGIN.header())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
        }

        assertThat(log.exists()).isFalse();
    }
}
