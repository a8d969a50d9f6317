package dev.rideops.cli.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.DeadLetterLog;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.clients.search.PingReindex;
import dev.rideops.contract.DeadLetterReason;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay over a dead-letter topic of five letters (two polls of two, then one) and a stand-in search node: only
 * the held pings are sent, and a batch's offsets are committed only once the node took it.
 */
class SearchReplayTest {

    private static final String TOPIC = "rideops.dlq";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final String PINGS = "rideops.public.driver_location_events";

    private HttpServer server;
    private final List<String> bulks = new CopyOnWriteArrayList<>();
    /** The node answers 503 from this request on (1-based); 0: never. */
    private volatile int failFrom;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bulks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean fail = failFrom > 0 && bulks.size() >= failFrom;
            byte[] body =
                    (fail ? "{\"error\":\"unavailable\"}" : "{\"errors\":false}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String letter(String topic, String reason, String payload) {
        return "{\"topic\":\"" + topic + "\",\"reason\":\"" + reason + "\",\"payload\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(payload) + "}";
    }

    private static String held(long eventId, long driverId) {
        return letter(
                PINGS,
                DeadLetterReason.searchMaxPending(200_000),
                "{\"driver_id\":" + driverId + ",\"event_id\":" + eventId + ",\"location\":{\"lat\":1.0,\"lon\":2.0},"
                        + "\"status\":\"BUSY\",\"speed_kmh\":3.0,\"heading\":4.0,\"updated_at\":\"2026-11-30T06:2"
                        + eventId + ":00Z\"}");
    }

    private static MockConsumer<byte[], byte[]> topic(String... values) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "127.0.0.1", 1);
        consumer.updatePartitions(
                TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, (long) values.length));
        consumer.setMaxPollRecords(2);
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < values.length; i++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, null, values[i].getBytes(StandardCharsets.UTF_8)));
            }
        });
        return consumer;
    }

    private MockConsumer<byte[], byte[]> fiveLetters() {
        return topic(
                held(1, 7),
                letter("rideops.public.bookings", "bookings: status 'FLYING' is unknown", "{}"),
                held(2, 7),
                held(3, 8),
                letter(PINGS, DeadLetterReason.searchRejected("400 mapper_parsing_exception"), "{}"));
    }

    private SearchReplay replay(DeadLetterLog log, StringWriter progress) {
        PingReindex reindex = new PingReindex(
                new RestCalls("http://127.0.0.1:" + server.getAddress().getPort(), "the search node"));
        return new SearchReplay(log, reindex, new PrintWriter(progress), 0);
    }

    @Test
    void onlyTheHeldPingsAreSentAndEveryLetterReadIsCommitted() {
        MockConsumer<byte[], byte[]> consumer = fiveLetters();
        StringWriter progress = new StringWriter();
        try (DeadLetterLog log = DeadLetterLog.over(consumer, KafkaAccess.plaintext("127.0.0.1:1"), TOPIC)) {
            log.fromReplayPosition();

            SearchReplay.Result result = replay(log, progress).run();

            assertThat(result).isEqualTo(new SearchReplay.Result(5, 3, 0, 0, 0, List.of()));
            assertThat(result.complete()).isTrue();
            assertThat(String.join("", bulks))
                    .contains("\"_id\":\"1\"", "\"_id\":\"2\"", "\"_id\":\"3\"")
                    .doesNotContain("mapper_parsing")
                    .doesNotContain("FLYING");
            assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(5));
            assertThat(progress.toString()).contains("read 2 of 5 dead letters (40%), re-indexed 1 pings");
            assertThat(progress.toString()).contains("read 5 of 5 dead letters (100%), re-indexed 3 pings");
        }
    }

    @Test
    void aBatchTheNodeDidNotTakeIsNotCommittedSoTheNextReplaySendsItAgain() {
        failFrom = 2;
        MockConsumer<byte[], byte[]> consumer = fiveLetters();
        try (DeadLetterLog log = DeadLetterLog.over(consumer, KafkaAccess.plaintext("127.0.0.1:1"), TOPIC)) {
            log.fromReplayPosition();

            assertThatThrownBy(() -> replay(log, new StringWriter()).run())
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("HTTP 503");

            assertThat(consumer.committed(Set.of(P0)))
                    .as("the first batch (offsets 0 and 1) only")
                    .containsEntry(P0, new OffsetAndMetadata(2));
        }
    }
}
