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

    private static HttpResponse<String> get(ExporterServer server, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** On an ephemeral port (0), never one of the stack's. */
    @Test
    void servesTheMetricsInTheTextFormatAndAHealthPathThatCollectsNothing() throws Exception {
        AtomicInteger collected = new AtomicInteger();
        try (ExporterServer server = ExporterServer.start(0, "/metrics", "/-/healthy", () -> {
            collected.incrementAndGet();
            return new Exposition().gauge("rideops_match_rate", "x", 0.5).text();
        })) {
            HttpResponse<String> health = get(server, "/-/healthy");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(collected).hasValue(0);

            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).contains(Exposition.CONTENT_TYPE);
            assertThat(metrics.body()).contains("rideops_match_rate 0.5\n");

            // a second scrape right after gets the same answer without reading the sources again
            assertThat(get(server, "/metrics").body()).isEqualTo(metrics.body());
            assertThat(collected).hasValue(1);
        }
    }
}
