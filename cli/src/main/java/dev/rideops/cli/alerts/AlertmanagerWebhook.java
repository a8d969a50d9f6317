package dev.rideops.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exporter's every path but its own: {@code POST} of Alertmanager's webhook payload (version 4) on
 * {@code path} appends its alerts to the {@link AlertLog}; anything else is 404 (405 for another method there). Its
 * login is checked before it runs, by the server's authenticator, as for the scrapes.
 */
public final class AlertmanagerWebhook implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A payload holds at most the alerts of one group; far less than this. */
    private static final int MAX_BYTES = 4 << 20;

    private final String path;
    private final AlertLog log;
    private final Clock clock;

    public AlertmanagerWebhook(String path, AlertLog log, Clock clock) {
        this.path = path;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                answer(exchange, 404, "not found\n");
            } else if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                answer(exchange, 405, "POST Alertmanager's webhook payload here\n");
            } else {
                List<LoggedAlert> alerts;
                try (InputStream body = exchange.getRequestBody()) {
                    alerts = alerts(JSON.readTree(body.readNBytes(MAX_BYTES)));
                } catch (IOException | IllegalArgumentException e) {
                    answer(exchange, 400, "not an Alertmanager webhook payload: " + e.getMessage() + "\n");
                    return;
                }
                log.append(alerts);
                answer(exchange, 200, "logged " + alerts.size() + "\n");
            }
        }
    }

    /** The payload's alerts, each with its own status (a group's resolved alerts come beside its firing ones). */
    List<LoggedAlert> alerts(JsonNode payload) {
        JsonNode alerts = payload == null ? null : payload.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new IllegalArgumentException("no alerts array");
        }
        String receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        List<LoggedAlert> logged = new ArrayList<>();
        for (JsonNode a : alerts) {
            Map<String, String> labels = new TreeMap<>();
            a.path("labels")
                    .fields()
                    .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            String name = labels.remove("alertname");
            if (name == null) {
                throw new IllegalArgumentException("an alert without an alertname label");
            }
            String severity = labels.remove("severity");
            logged.add(new LoggedAlert(
                    a.path("status").asText(payload.path("status").asText()),
                    name,
                    severity == null ? "" : severity,
                    labels,
                    a.path("startsAt").asText(),
                    a.path("endsAt").asText(),
                    a.path("annotations").path("summary").asText(""),
                    receivedAt));
        }
        return logged;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
