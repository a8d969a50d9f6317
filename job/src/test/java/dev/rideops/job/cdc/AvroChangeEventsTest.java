package dev.rideops.job.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Avro change events as Apicurio's converter writes them (magic byte, content id, Avro binary) decoded against a
 * registry played by a JDK HttpServer on an ephemeral loopback port, which serves one schema: a Debezium envelope of
 * {@code driver_location_events}, its numerics as strings ({@code decimal.handling.mode=string}) as in JSON.
 */
class AvroChangeEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String TOPIC = "rideops.public.driver_location_events";
    private static final int CONTENT_ID = 7;

    private static final Schema VALUE = SchemaBuilder.record("Value")
            .namespace("rideops.public.driver_location_events")
            .fields()
            .requiredLong("event_id")
            .requiredLong("driver_id")
            .requiredDouble("lat")
            .requiredDouble("lon")
            .requiredString("speed_kmh")
            .requiredString("heading")
            .optionalString("cell")
            .optionalString("driver_status")
            .requiredString("recorded_at")
            .endRecord();
    private static final Schema SOURCE = SchemaBuilder.record("Source")
            .namespace("io.debezium.connector.postgresql")
            .fields()
            .requiredString("table")
            .optionalString("snapshot")
            .requiredLong("ts_ms")
            .endRecord();
    private static final Schema ENVELOPE = SchemaBuilder.record("Envelope")
            .namespace("rideops.public.driver_location_events")
            .fields()
            .name("before")
            .type()
            .optional()
            .type(VALUE)
            .name("after")
            .type()
            .optional()
            .type(VALUE)
            .name("source")
            .type(SOURCE)
            .noDefault()
            .requiredString("op")
            .optionalLong("ts_ms")
            .endRecord();

    private HttpServer registry;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/apis/registry/v3/ids/contentIds/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            boolean known = path.endsWith("/" + CONTENT_ID);
            byte[] body = (known ? ENVELOPE.toString() : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    private String registryUrl() {
        return "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/registry/v3";
    }

    private CdcRecordDeserializer deserializer() {
        return new CdcRecordDeserializer(3_600_000, registryUrl(), NOW::toEpochMilli);
    }

    @Test
    void anAvroPingDecodesLikeItsJsonTwinAskingTheRegistryOnceForItsSchema() {
        CdcRecordDeserializer deserializer = deserializer();
        String json = "{\"op\":\"c\",\"after\":{\"event_id\":1,\"driver_id\":7,\"lat\":1.5,\"lon\":2.5,"
                + "\"speed_kmh\":\"30.0\",\"heading\":\"90.0\",\"cell\":\"8a2a1072b59ffff\",\"driver_status\":null,"
                + "\"recorded_at\":\"2026-11-28T11:59:58Z\"}}";

        LocationRow fromAvro = deserializer
                .decode(TOPIC, avro(CONTENT_ID, ping(1, "2026-11-28T11:59:58Z")))
                .orElseThrow()
                .event
                .location;
        LocationRow fromJson = deserializer
                .decode(TOPIC, json.getBytes(StandardCharsets.UTF_8))
                .orElseThrow()
                .event
                .location;
        deserializer.decode(TOPIC, avro(CONTENT_ID, ping(2, "2026-11-28T11:59:59Z")));

        assertThat(fromAvro).usingRecursiveComparison().isEqualTo(fromJson);
        assertThat(fromAvro.speedKmh).isEqualTo(30.0);
        assertThat(fromAvro.cell).isEqualTo("8a2a1072b59ffff");
        assertThat(asked).containsExactly("/apis/registry/v3/ids/contentIds/7");
    }

    @Test
    void anAvroEventStampedBeyondTheFutureGuardIsDeadLetteredAsItsJson() {
        Decoded d = deserializer()
                .decode(TOPIC, avro(CONTENT_ID, ping(3, "2026-11-28T13:00:01Z")))
                .orElseThrow();

        assertThat(d.deadLetter.reason).contains("in the future");
        // the tree the JSON converter would have written: the dead-letter tools read it as they read JSON
        assertThat(d.deadLetter.payload).startsWith("{\"before\":null,\"after\":{\"event_id\":3,");
    }

    @Test
    void aSchemaTheRegistryDoesNotKnowMakesADeadLetterKeepingTheRecordWhole() {
        byte[] record = avro(99, ping(4, "2026-11-28T11:59:58Z"));

        Decoded d = deserializer().decode(TOPIC, record).orElseThrow();

        assertThat(d.deadLetter.reason).isEqualTo("the registry at " + registryUrl() + " has no schema 99");
        assertThat(d.deadLetter.payload)
                .isEqualTo("avro:" + java.util.Base64.getEncoder().encodeToString(record));
    }

    @Test
    void anAvroRecordWithoutARegistryOrCutShortIsADeadLetter() {
        byte[] record = avro(CONTENT_ID, ping(5, "2026-11-28T11:59:58Z"));
        CdcRecordDeserializer jsonOnly = new CdcRecordDeserializer(3_600_000, "", NOW::toEpochMilli);

        assertThat(jsonOnly.decode(TOPIC, record).orElseThrow().deadLetter.reason)
                .contains("no registry");
        assertThat(deserializer()
                        .decode(TOPIC, java.util.Arrays.copyOf(record, 12))
                        .orElseThrow()
                        .deadLetter
                        .reason)
                .startsWith("not an Avro record of schema 7");
        assertThat(deserializer().decode(TOPIC, new byte[] {0, 0, 0}).orElseThrow().deadLetter.reason)
                .isEqualTo("Avro record of 3 bytes has no schema id");
    }

    @Test
    void aRegistryThatCannotBeReachedFailsTheReadRatherThanDeadLetteringGoodRecords() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/apis/registry/v3";

        assertThatThrownBy(() -> new CdcRecordDeserializer(3_600_000, url, NOW::toEpochMilli)
                        .decode(TOPIC, avro(CONTENT_ID, ping(6, "2026-11-28T11:59:58Z"))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read schema 7");
    }

    private static GenericRecord ping(long eventId, String recordedAt) {
        GenericRecord after = new GenericData.Record(VALUE);
        after.put("event_id", eventId);
        after.put("driver_id", 7L);
        after.put("lat", 1.5);
        after.put("lon", 2.5);
        after.put("speed_kmh", "30.0");
        after.put("heading", "90.0");
        after.put("cell", "8a2a1072b59ffff");
        after.put("driver_status", null);
        after.put("recorded_at", recordedAt);
        GenericRecord source = new GenericData.Record(SOURCE);
        source.put("table", "driver_location_events");
        source.put("snapshot", null);
        source.put("ts_ms", 1L);
        GenericRecord envelope = new GenericData.Record(ENVELOPE);
        envelope.put("before", null);
        envelope.put("after", after);
        envelope.put("source", source);
        envelope.put("op", "c");
        envelope.put("ts_ms", 2L);
        return envelope;
    }

    /** The converter's wire format: magic byte 0, the content id as 4 bytes, the Avro binary record. */
    private static byte[] avro(int contentId, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(contentId).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
