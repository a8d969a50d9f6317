package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.prometheus.PrometheusQueries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector's snapshot from canned answers of Prometheus's instant query API, served on a free port. */
class ConnectorSnapshotTest {

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** One series of an instant query's answer, labelled as Prometheus labels Connect's agent's series. */
    private static String series(String name, String value) {
        return """
                {"metric":{"__name__":"debezium_postgres_snapshot_%s","instance":"127.0.0.1:9407","job":"connect",
                 "server":"rideops","service":"connect"},"value":[1795900000.123,"%s"]}""".formatted(name, value);
    }

    private PrometheusQueries prometheus(String... series) throws IOException {
        String answer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + String.join(",", series) + "]}}";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            queries.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new PrometheusQueries("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void aRunningSnapshotReadsItsTablesEventsAndTimeForTheConnectorsServerOnly() throws IOException {
        ConnectorSnapshot snapshot = ConnectorSnapshot.read(prometheus(
                        series("running", "1"),
                        series("completed", "0"),
                        series("aborted", "0"),
                        series("skipped", "0"),
                        series("tables", "7"),
                        series("remaining_tables", "3"),
                        series("events_seen_total", "1.234567e+06"),
                        series("duration_seconds", "130")))
                .orElseThrow();

        assertThat(snapshot).isEqualTo(new ConnectorSnapshot(ConnectorSnapshot.RUNNING, 7, 3, 1_234_567, 130));
        assertThat(queries).singleElement().asString().startsWith("query=").contains("server=\"rideops\"");
    }

    @Test
    void theFlagsSayHowItEndedAndNoneSetIsNotStarted() throws IOException {
        assertThat(ConnectorSnapshot.read(prometheus(
                                series("running", "0"), series("completed", "1"), series("duration_seconds", "192")))
                        .orElseThrow())
                .isEqualTo(new ConnectorSnapshot(ConnectorSnapshot.COMPLETED, 0, 0, 0, 192));
        stopServer();
        assertThat(ConnectorSnapshot.read(prometheus(series("aborted", "1")))
                        .orElseThrow()
                        .state())
                .isEqualTo(ConnectorSnapshot.ABORTED);
        stopServer();
        assertThat(ConnectorSnapshot.read(prometheus(series("skipped", "1")))
                        .orElseThrow()
                        .state())
                .isEqualTo(ConnectorSnapshot.SKIPPED);
        stopServer();
        assertThat(ConnectorSnapshot.read(prometheus(series("running", "0"), series("tables", "0")))
                        .orElseThrow()
                        .state())
                .isEqualTo(ConnectorSnapshot.NOT_STARTED);
    }

    /** Connect not scraped (stopped, or no agent): Prometheus answers without series, and status says nothing. */
    @Test
    void noSeriesIsNoSnapshot() throws IOException {
        assertThat(ConnectorSnapshot.read(prometheus())).isEmpty();
    }
}
