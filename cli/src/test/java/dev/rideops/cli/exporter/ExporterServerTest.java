package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExporterServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(ExporterServer server, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** On an ephemeral port (0), never one of the stack's. */
    @Test
    void servesTheMetricsAndAHealthPathThatCollectsNothing() throws Exception {
        AtomicInteger collected = new AtomicInteger();
        try (ExporterServer server = ExporterServer.start(0, "/metrics", () -> {
            collected.incrementAndGet();
            return new Gauges().gauge("rideops_match_rate", "x", 0.5);
        })) {
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
        try (ExporterServer server =
                ExporterServer.start(0, "/metrics", () -> new Gauges().gauge("rideops_cancel_rate", "x", 0.25))) {
            HttpResponse<String> metrics = get(
                    server,
                    "/metrics",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(metrics.body()).contains("rideops_cancel_rate 0.25\n").endsWith("# EOF\n");
        }
    }
}
