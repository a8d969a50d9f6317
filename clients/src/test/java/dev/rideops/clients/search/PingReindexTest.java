package dev.rideops.clients.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.contract.PingDocument;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay's bulk request against a node that answers what the test tells it to. */
class PingReindexTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final List<String> contentTypes = new ArrayList<>();
    private volatile String answer = "{\"errors\":false}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PingReindex reindex() {
        return new PingReindex(
                new RestCalls("http://127.0.0.1:" + server.getAddress().getPort(), "the search node"));
    }

    private static PingDocument ping(long eventId, long driverId, String utc) throws IOException {
        return PingDocument.parse("{\"driver_id\":" + driverId + ",\"event_id\":" + eventId
                + ",\"location\":{\"lat\":10.5,\"lon\":106.5},\"status\":\"BUSY\",\"speed_kmh\":30.0,\"heading\":90.0,"
                + "\"updated_at\":\"" + utc + "\"}");
    }

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void eachPingGoesToItsDayUnderItsEventIdAndEachDriversNewestIsVersionedByEventTime() throws IOException {
        PingDocument late = ping(41, 7, "2026-11-29T23:59:59.999999Z");
        PingDocument newest = ping(42, 7, "2026-11-30T00:00:00.000001Z");
        PingDocument other = ping(43, 8, "2026-11-30T06:25:00Z");

        PingReindex.Outcome outcome = reindex().send(List.of(newest, late, other));

        assertThat(outcome).isEqualTo(new PingReindex.Outcome(3, 0, List.of()));
        assertThat(requests).singleElement().asString().startsWith("POST /_bulk?filter_path=errors,items.*.status");
        assertThat(contentTypes).containsExactly("application/x-ndjson");
        String body = requests.get(0).substring(requests.get(0).indexOf('\n') + 1);
        assertThat(body).endsWith("\n");
        List<JsonNode> l = lines(body);
        assertThat(l).hasSize(10);
        assertThat(l.get(0).at("/index/_index").asText()).isEqualTo("driver_locations_timeseries-2026.11.30");
        assertThat(l.get(0).at("/index/_id").asText()).isEqualTo("42");
        assertThat(l.get(2).at("/index/_index").asText()).isEqualTo("driver_locations_timeseries-2026.11.29");
        assertThat(l.get(2).at("/index/_id").asText()).isEqualTo("41");
        assertThat(l.get(3).path("updated_at").asText()).isEqualTo("2026-11-29T23:59:59.999999Z");
        JsonNode driver7 = l.get(6).path("index");
        assertThat(driver7.path("_index").asText()).isEqualTo("driver_locations");
        assertThat(driver7.path("_id").asText()).isEqualTo("7");
        assertThat(driver7.path("version").asLong())
                .as("the newer of driver 7's pings, in microseconds")
                .isEqualTo(Instant.parse("2026-11-30T00:00:00.000001Z").getEpochSecond() * 1_000_000L + 1);
        assertThat(driver7.path("version_type").asText()).isEqualTo("external_gte");
        assertThat(l.get(7).path("event_id").asLong()).isEqualTo(42);
        assertThat(l.get(8).at("/index/_id").asText()).isEqualTo("8");
    }

    @Test
    void anOlderPositionRefusedByVersionIsFineAndAMappingRefusalIsReportedNotThrown() throws IOException {
        answer =
                "{\"errors\":true,\"items\":[{\"index\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\","
                        + "\"reason\":\"bad heading\"}}},{\"index\":{\"status\":201}},{\"index\":{\"status\":409,\"error\":"
                        + "{\"type\":\"version_conflict_engine_exception\",\"reason\":\"newer\"}}}]}";

        PingReindex.Outcome outcome =
                reindex().send(List.of(ping(1, 7, "2026-11-30T06:00:00Z"), ping(2, 7, "2026-11-30T06:00:01Z")));

        assertThat(outcome.newerKept()).isEqualTo(1);
        assertThat(outcome.refused()).containsExactly("ping 1: status 400 mapper_parsing_exception: bad heading");
    }

    @Test
    void aNodeThatShedsLoadForAnyItemFailsTheBatchSoItIsSentAgain() {
        answer = "{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},{\"index\":{\"status\":429,\"error\":"
                + "{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}}]}";

        assertThatThrownBy(() -> reindex().send(List.of(ping(5, 9, "2026-11-30T06:00:00Z"))))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("did not index ping 5 (status 429 es_rejected_execution_exception: queue full)")
                .extracting(e -> ((ClientException) e).fix())
                .asString()
                .contains("run the replay again");
    }

    @Test
    void nothingToSendSendsNoRequest() {
        assertThat(reindex().send(List.of()).pings()).isZero();
        assertThat(requests).isEmpty();
    }
}
