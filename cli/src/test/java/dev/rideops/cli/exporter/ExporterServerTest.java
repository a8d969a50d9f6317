package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import dev.rideops.clients.http.BasicAuth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExporterServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final BasicAuth LOGIN = new BasicAuth("prometheus", "scrape-Secret_1");

    private static final HttpHandler NOT_FOUND = exchange -> {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
    };

    private static HttpResponse<String> get(ExporterServer server, String path, String accept) throws Exception {
        return get(server, path, accept, LOGIN.header());
    }

    private static HttpResponse<String> get(ExporterServer server, String path, String accept, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Without the login (or with a wrong one) nothing answers and nothing is collected; with it, 200. */
    @Test
    void everyPathAsksForTheLoginAndCollectsNothingWithoutIt() throws Exception {
        AtomicInteger collected = new AtomicInteger();
        try (ExporterServer server = countingScrapes(collected)) {
            String wrong = new BasicAuth("prometheus", "guess").header();
            for (String path : List.of("/metrics", "/-/healthy", "/")) {
                HttpResponse<String> anonymous = get(server, path, null, null);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.body()).as(path).doesNotContain("rideops_match_rate");
                assertThat(get(server, path, null, wrong).statusCode()).as(path).isEqualTo(401);
            }
            assertThat(collected).hasValue(0);

            assertThat(get(server, "/-/healthy", null).statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(server, "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("rideops_match_rate 0.5\n");
            assertThat(collected).hasValue(1);
        }
    }

    /** On an ephemeral port (0), never one of the stack's. */
    @Test
    void servesTheMetricsAndAHealthPathThatCollectsNothing() throws Exception {
        AtomicInteger collected = new AtomicInteger();
        try (ExporterServer server = countingScrapes(collected)) {
            HttpResponse<String> health = get(server, "/-/healthy", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(collected).hasValue(0);

            HttpResponse<String> metrics = get(server, "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("# TYPE rideops_match_rate gauge\n", "rideops_match_rate 0.5\n");

            // a second scrape right after gets the same answer without reading the sources again
            assertThat(get(server, "/metrics", null).body()).isEqualTo(metrics.body());
            assertThat(collected).hasValue(1);
        }
    }

    /** What Prometheus 2.x asks for first: OpenMetrics, which ends with {@code # EOF}. */
    @Test
    void answersPrometheusInOpenMetricsWhenAskedFor() throws Exception {
        try (ExporterServer server = ExporterServer.start(
                0, "/metrics", () -> new Gauges().gauge("rideops_cancel_rate", "x", 0.25), LOGIN, NOT_FOUND)) {
            HttpResponse<String> metrics = get(
                    server,
                    "/metrics",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(metrics.body()).contains("rideops_cancel_rate 0.25\n").endsWith("# EOF\n");
        }
    }

    /** On an ephemeral port (0), never one of the stack's; counts each collection in {@code collected}. */
    private static ExporterServer countingScrapes(AtomicInteger collected) throws IOException {
        return ExporterServer.start(
                0,
                "/metrics",
                () -> {
                    collected.incrementAndGet();
                    return new Gauges().gauge("rideops_match_rate", "x", 0.5);
                },
                LOGIN,
                NOT_FOUND);
    }
}
