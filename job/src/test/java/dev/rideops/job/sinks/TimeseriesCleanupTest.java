package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink's retention against a stand-in search node that lists three daily indexes and records deletions. */
class TimeseriesCleanupTest {

    private static final String INDEXES = "[{\"index\":\"driver_locations_timeseries-2026.11.20\"},"
            + "{\"index\":\"driver_locations_timeseries-2026.11.21\"},"
            + "{\"index\":\"driver_locations_timeseries-2026.11.28\"}]";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer node;
    private RestClient client;

    @BeforeEach
    void startNode() throws IOException {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = (exchange.getRequestMethod().equals("GET") ? INDEXES : "{\"acknowledged\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        client = RestClient.builder(new HttpHost("127.0.0.1", node.getAddress().getPort()))
                .build();
    }

    @AfterEach
    void stopNode() throws IOException {
        client.close();
        node.stop(0);
    }

    private static long day(int month, int dayOfMonth) {
        return LocalDate.of(2026, month, dayOfMonth).toEpochDay();
    }

    @Test
    void aNewerDayDeletesTheDailyIndexesOlderThanTheRetention() {
        TimeseriesCleanup cleanup = new TimeseriesCleanup(7);

        assertThat(cleanup.newDay(day(11, 27))).isTrue();
        assertThat(cleanup.newDay(day(11, 28))).isTrue();
        cleanup.deleteExpired(client);

        assertThat(requests)
                .containsExactly(
                        "GET /_cat/indices/driver_locations_timeseries-*?h=index&format=json",
                        "DELETE /driver_locations_timeseries-2026.11.20");
    }

    @Test
    void pingsOfTheSameOrAnOlderDayAreNoReasonToLook() {
        TimeseriesCleanup cleanup = new TimeseriesCleanup(7);
        cleanup.newDay(day(11, 28));

        assertThat(cleanup.newDay(day(11, 28))).isFalse();
        assertThat(cleanup.newDay(day(11, 2))).isFalse();
    }

    @Test
    void aRetentionOfZeroKeepsEveryDay() {
        assertThat(new TimeseriesCleanup(0).newDay(day(11, 28))).isFalse();
    }

    @Test
    void aNodeThatRefusesIsLoggedNotThrown() throws IOException {
        TimeseriesCleanup cleanup = new TimeseriesCleanup(1);
        cleanup.newDay(day(11, 28));
        node.stop(0);

        cleanup.deleteExpired(client);

        assertThat(requests).isEmpty();
    }
}
