package dev.rideops.job.cdc;

import static dev.rideops.job.cdc.DebeziumStructs.BOOKING;
import static dev.rideops.job.cdc.DebeziumStructs.DRIVER;
import static dev.rideops.job.cdc.DebeziumStructs.LOCATION;
import static dev.rideops.job.cdc.DebeziumStructs.PAYMENT;
import static dev.rideops.job.cdc.DebeziumStructs.PREFIX;
import static dev.rideops.job.cdc.DebeziumStructs.RATING;
import static dev.rideops.job.cdc.DebeziumStructs.RIDER;
import static dev.rideops.job.cdc.DebeziumStructs.change;
import static dev.rideops.job.cdc.DebeziumStructs.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.contract.CdcAvro;
import dev.rideops.job.credentials.Credential;
import io.apicurio.registry.utils.converter.AvroConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Debezium change, as the connector hands it to Connect, written by Kafka's JSON converter (schemas off, as the
 * worker is set) and by Apicurio's Avro converter (set as the connector is with {@code cdc.format: avro}, registering
 * with a {@link FakeRegistry}), must decode to the same event: the JSON by {@link DebeziumDecoder}, the Avro by the
 * job's deserializer through {@link AvroChangeDecoder}.
 */
class AvroChangeDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final long COMMIT_US = 1_795_867_190_123_456L;

    private FakeRegistry registry;
    private AvroConverter avroConverter;
    private final JsonConverter jsonConverter = new JsonConverter();
    private CdcRecordDeserializer deserializer;

    @BeforeEach
    void converters() throws IOException {
        registry = new FakeRegistry();
        avroConverter = converter(FakeRegistry.CONNECT_USER, FakeRegistry.CONNECT_PASSWORD);
        jsonConverter.configure(Map.of("schemas.enable", "false"), false);
        deserializer = deserializer(FakeRegistry.JOB_USER, FakeRegistry.JOB_PASSWORD);
    }

    /** Apicurio's converter as the connector configures it, logging in as {@code user} (none when empty). */
    private AvroConverter converter(String user, String password) {
        Map<String, Object> avro = new HashMap<>();
        String prefix = "value.converter.";
        CdcAvro.valueConverter(registry.v3Url(), user, password).forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                avro.put(key.substring(prefix.length()), value);
            }
        });
        AvroConverter converter = new AvroConverter();
        converter.configure(avro, false);
        return converter;
    }

    /** The job's deserializer, reading schemas as {@code user}. */
    private CdcRecordDeserializer deserializer(String user, String password) {
        return new CdcRecordDeserializer(
                3_600_000,
                new RegistrySchemas(registry.v3Url(), user, Credential.literal(password), ""),
                NOW::toEpochMilli);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private byte[] avro(String table, Struct change) {
        return avroConverter.fromConnectData(PREFIX + table, change == null ? null : change.schema(), change);
    }

    /** Both formats of one change decoded; the JSON's event is returned once it equals the Avro's. */
    private Optional<SourceEvent> same(String table, Struct change) throws MalformedEventException {
        String topic = PREFIX + table;
        byte[] json = jsonConverter.fromConnectData(topic, change == null ? null : change.schema(), change);
        Optional<SourceEvent> fromJson = new DebeziumDecoder().decode(topic, json);
        Optional<Decoded> fromAvro = deserializer.decode(topic, avro(table, change));

        assertThat(fromAvro.map(d -> d.deadLetter)).as("dead letter").matches(d -> d.isEmpty() || d.get() == null);
        assertThat(fromAvro.map(d -> d.event)).usingRecursiveComparison().isEqualTo(fromJson);
        return fromJson;
    }

    private static Struct booking(long id, String status, Map<String, Object> more) {
        Map<String, Object> columns = new HashMap<>(Map.of(
                "booking_id",
                id,
                "rider_id",
                3L,
                "city",
                "SFO",
                "vehicle_type",
                "standard",
                "status",
                status,
                "pickup_lat",
                37.77,
                "pickup_lon",
                -122.41,
                "pickup_cell",
                "8928308280fffff",
                "dropoff_lat",
                37.8,
                "dropoff_lon",
                -122.45));
        columns.putAll(Map.of(
                "dropoff_cell", "8928308281fffff",
                "distance_km", "4.125",
                "estimated_fare", "12.40",
                "surge_multiplier", "1.25",
                "requested_at", "2026-11-28T11:50:00.123456Z",
                "updated_at", "2026-11-28T11:50:00.123456Z"));
        columns.putAll(more);
        return row(BOOKING, columns);
    }

    @Test
    void aBookingCreatedWithNullsDecodesAlike() throws Exception {
        Struct after = booking(7, "REQUESTED", Map.of());

        BookingRow b = same("bookings", change("bookings", BOOKING, "c", null, after, null, COMMIT_US))
                .orElseThrow()
                .booking;

        assertThat(b.bookingId).isEqualTo(7);
        assertThat(b.driverId).isNull();
        assertThat(b.etaSeconds).isNull();
        assertThat(b.fareAmount).isNull();
        assertThat(b.acceptedAt).isNull();
        assertThat(b.surgeMultiplier).isEqualTo(1.25);
        assertThat(b.distanceKm).isEqualTo(4.125);
        assertThat(b.requestedAt)
                .isEqualTo(Instant.parse("2026-11-28T11:50:00.123456Z").toEpochMilli() * 1000 + 456);
        assertThat(b.change).isEqualTo(ChangeKind.CREATE);
    }

    @Test
    void aBookingUpdatedToCompletedDecodesAlike() throws Exception {
        Struct before = booking(8, "IN_PROGRESS", Map.of("driver_id", 11L));
        Struct after = booking(
                8,
                "COMPLETED",
                Map.of(
                        "driver_id", 11L,
                        "eta_seconds", 240,
                        "fare_amount", "14.05",
                        "promo_code", "WELCOME10",
                        "accepted_at", "2026-11-28T11:51:00Z",
                        "arrived_at", "2026-11-28T11:54:00Z",
                        "started_at", "2026-11-28T11:55:00Z",
                        "completed_at", "2026-11-28T11:59:00.5Z",
                        "updated_at", "2026-11-28T11:59:00.5Z"));

        BookingRow b = same("bookings", change("bookings", BOOKING, "u", before, after, null, COMMIT_US))
                .orElseThrow()
                .booking;

        assertThat(b.change).isEqualTo(ChangeKind.UPDATE);
        assertThat(b.fareAmount).isEqualTo(14.05);
        assertThat(b.etaSeconds).isEqualTo(240);
        assertThat(b.promoCode).isEqualTo("WELCOME10");
        assertThat(b.completedAt)
                .isEqualTo(Instant.parse("2026-11-28T11:59:00.5Z").toEpochMilli() * 1000);
    }

    @Test
    void deletesDecodeAlikeTimedByTheCommit() throws Exception {
        Struct booking =
                booking(9, "CANCELLED", Map.of("cancelled_at", "2026-11-28T11:52:00Z", "cancelled_by", "RIDER"));
        SourceEvent deleted = same("bookings", change("bookings", BOOKING, "d", booking, null, null, COMMIT_US))
                .orElseThrow();
        Struct driver = row(
                DRIVER,
                Map.of(
                        "driver_id", 11L,
                        "name", "",
                        "status", "",
                        "created_at", "1970-01-01T00:00:00Z",
                        "updated_at", "1970-01-01T00:00:00Z"));
        DriverRow d = same("drivers", change("drivers", DRIVER, "d", driver, null, null, COMMIT_US))
                .orElseThrow()
                .driver;

        assertThat(deleted.eventTime).isEqualTo(COMMIT_US);
        assertThat(deleted.booking.change).isEqualTo(ChangeKind.DELETE);
        assertThat(deleted.booking.cancelledBy).isEqualTo("RIDER");
        assertThat(d.updatedAt).isEqualTo(COMMIT_US);
        assertThat(d.change).isEqualTo(ChangeKind.DELETE);
    }

    @Test
    void pingsPaymentsRatingsAndSnapshotReadsDecodeAlike() throws Exception {
        Struct ping = row(
                LOCATION,
                Map.of(
                        "event_id",
                        5L,
                        "driver_id",
                        11L,
                        "lat",
                        37.7749295,
                        "lon",
                        -122.4194155,
                        "speed_kmh",
                        31.5,
                        "heading",
                        270.0,
                        "recorded_at",
                        "2026-11-28T11:59:58.000001Z"));
        Struct payment = row(
                PAYMENT,
                Map.of(
                        "payment_id", 1L,
                        "booking_id", 8L,
                        "amount", "14.05",
                        "method", "CARD",
                        "status", "PAID",
                        "created_at", "2026-11-28T11:59:01Z"));
        Struct rating =
                row(RATING, Map.of("booking_id", 8L, "driver_rating", (short) 5, "created_at", "2026-11-28T11:59:30Z"));

        LocationRow l = same(
                        "driver_location_events",
                        change("driver_location_events", LOCATION, "c", null, ping, null, COMMIT_US))
                .orElseThrow()
                .location;
        PaymentRow snapshotted = same("payments", change("payments", PAYMENT, "r", null, payment, "true", COMMIT_US))
                .orElseThrow()
                .payment;
        PaymentRow bootstrap = same(
                        "payments", change("payments", PAYMENT, "r", null, payment, "incremental", COMMIT_US))
                .orElseThrow()
                .payment;
        RatingRow r = same("ratings", change("ratings", RATING, "c", null, rating, null, COMMIT_US))
                .orElseThrow()
                .rating;

        assertThat(l.lat).isEqualTo(37.7749295);
        assertThat(l.cell).isNull();
        assertThat(snapshotted.amount).isEqualTo(14.05);
        assertThat(snapshotted.change).isEqualTo(ChangeKind.CREATE);
        assertThat(bootstrap.change).isEqualTo(ChangeKind.BOOTSTRAP);
        assertThat(r.riderRating).isNull();
        assertThat(r.driverRating).isEqualTo(5);
    }

    @Test
    void tablesNoMetricReadsAndTombstonesDecodeToNothingAlike() throws Exception {
        Struct rider = row(RIDER, Map.of("rider_id", 3L, "name", "Ada", "created_at", "2026-11-28T11:00:00Z"));

        assertThat(same("riders", change("riders", RIDER, "c", null, rider, null, COMMIT_US)))
                .isEmpty();
        assertThat(avro("bookings", null)).isNull();
        assertThat(same("bookings", null)).isEmpty();
    }

    @Test
    void aMissingColumnIsTheSameDeadLetterReasonInBothFormats() {
        Schema loose = SchemaBuilder.struct()
                .optional()
                .name(PREFIX + "payments.Value")
                .field("payment_id", Schema.INT64_SCHEMA)
                .field("booking_id", Schema.INT64_SCHEMA)
                .field("amount", Schema.OPTIONAL_STRING_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("created_at", DebeziumStructs.timestamp(false))
                .build();
        Struct payment = row(
                loose,
                Map.of("payment_id", 2L, "booking_id", 8L, "status", "PAID", "created_at", "2026-11-28T11:59:01Z"));
        Struct change = change("payments", loose, "c", null, payment, null, COMMIT_US);
        byte[] json = jsonConverter.fromConnectData(PREFIX + "payments", change.schema(), change);

        Decoded fromAvro = deserializer
                .decode(PREFIX + "payments", avro("payments", change))
                .orElseThrow();

        assertThat(fromAvro.deadLetter.reason).isEqualTo("payments: missing amount");
        assertThatThrownBy(() -> new DebeziumDecoder().decode(PREFIX + "payments", json))
                .hasMessage(fromAvro.deadLetter.reason);
        // the record as text, for the dead-letter tools
        assertThat(fromAvro.deadLetter.payload).contains("\"payment_id\": 2").contains("\"amount\": null");
    }

    @Test
    void theConverterWritesTheContentIdWhichTheJobReadsOncePerSchema() throws Exception {
        Struct c = pingCreated(6);
        byte[] first = avro("driver_location_events", c);
        byte[] second = avro("driver_location_events", c);

        deserializer.decode(PREFIX + "driver_location_events", first);
        deserializer.decode(PREFIX + "driver_location_events", second);

        int contentId = ByteBuffer.wrap(first, 1, 4).getInt();
        assertThat(first[0]).isEqualTo(CdcAvro.MAGIC);
        assertThat(registry.content(contentId)).contains("io.debezium.time.ZonedTimestamp");
        assertThat(registry.requests)
                .filteredOn(r -> r.startsWith("GET"))
                .containsExactly("GET /apis/registry/v3/ids/contentIds/" + contentId);
    }

    @Test
    void anAvroEventStampedBeyondTheFutureGuardIsDeadLetteredAsText() {
        // NOW plus the hour the deserializer allows, plus a second
        Struct c = pingCreated(7, "2026-11-28T13:00:01Z");

        Decoded d = deserializer
                .decode(PREFIX + "driver_location_events", avro("driver_location_events", c))
                .orElseThrow();

        assertThat(d.deadLetter.reason).contains("in the future");
        assertThat(d.deadLetter.payload).startsWith("{\"before\": null, \"after\": {\"event_id\": 7,");
    }

    @Test
    void anUnknownSchemaNoRegistryOrACutRecordIsADeadLetterKeepingTheRecordWhole() {
        byte[] record = avro("driver_location_events", pingCreated(8));
        byte[] unknown = record.clone();
        ByteBuffer.wrap(unknown, 1, 4).putInt(99);
        String topic = PREFIX + "driver_location_events";

        Decoded d = deserializer.decode(topic, unknown).orElseThrow();
        CdcRecordDeserializer jsonOnly =
                new CdcRecordDeserializer(3_600_000, RegistrySchemas.none(), NOW::toEpochMilli);

        assertThat(d.deadLetter.reason).isEqualTo("the registry at " + registry.v3Url() + " has no schema 99");
        assertThat(d.deadLetter.payload).isEqualTo("avro:" + Base64.getEncoder().encodeToString(unknown));
        assertThat(jsonOnly.decode(topic, record).orElseThrow().deadLetter.reason)
                .contains("no registry");
        assertThat(deserializer.decode(topic, Arrays.copyOf(record, 12)).orElseThrow().deadLetter.reason)
                .startsWith("not an Avro record of schema ");
        assertThat(deserializer.decode(topic, new byte[] {0, 0, 0}).orElseThrow().deadLetter.reason)
                .isEqualTo("Avro record of 3 bytes has no schema id");
    }

    @Test
    void aRegistryThatCannotBeReachedFailsTheReadRatherThanDeadLetteringGoodRecords() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        byte[] record = {0, 0, 0, 0, 7, 2};

        assertThatThrownBy(() -> new CdcRecordDeserializer(
                                3_600_000,
                                new RegistrySchemas(
                                        "http://127.0.0.1:" + closed + "/apis/registry/v3",
                                        FakeRegistry.JOB_USER,
                                        Credential.literal(FakeRegistry.JOB_PASSWORD),
                                        ""),
                                NOW::toEpochMilli)
                        .decode(PREFIX + "driver_location_events", record))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read schema 7");
    }

    @Test
    void theConverterRegistersAsConnectsUserAndCannotWithoutALoginOrAsTheJobsReadOnlyUser() {
        Struct c = pingCreated(9);

        avro("driver_location_events", c);

        assertThat(registry.requests)
                .filteredOn(r -> r.startsWith("POST"))
                .isNotEmpty()
                .noneMatch(r -> r.endsWith(" 401") || r.endsWith(" 403"));
        String topic = PREFIX + "driver_location_events";
        assertThatThrownBy(() -> converter("", "").fromConnectData(topic, c.schema(), c));
        assertThatThrownBy(() ->
                converter(FakeRegistry.JOB_USER, FakeRegistry.JOB_PASSWORD).fromConnectData(topic, c.schema(), c));
        assertThat(registry.requests).anyMatch(r -> r.endsWith(" 401")).anyMatch(r -> r.endsWith(" 403"));
    }

    @Test
    void aRefusedLoginFailsTheReadInOneLineNamingThePasswordSettingRatherThanDeadLetteringTheRecord() {
        byte[] record = avro("driver_location_events", pingCreated(10));
        String topic = PREFIX + "driver_location_events";

        assertThatThrownBy(() -> deserializer(FakeRegistry.JOB_USER, "stale").decode(topic, record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("'registry-job'")
                .hasMessageContaining("--registry.password-file")
                .hasMessageContaining("$RIDEOPS_REGISTRY_PASSWORD")
                .hasMessageNotContaining("stale")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> deserializer("", "").decode(topic, record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sent no login")
                .hasMessageContaining("--registry.user");
        // the right login still reads it: nothing about the record was wrong
        assertThat(deserializer.decode(topic, record).orElseThrow().event).isNotNull();
    }

    /** A ping inserted two seconds before {@link #NOW}, as its change event. */
    private static Struct pingCreated(long eventId) {
        return pingCreated(eventId, "2026-11-28T11:59:58Z");
    }

    /** A ping of driver 11 recorded at {@code recordedAt}, as its change event: only the id and the time vary. */
    private static Struct pingCreated(long eventId, String recordedAt) {
        Struct ping = row(
                LOCATION,
                Map.of(
                        "event_id", eventId,
                        "driver_id", 11L,
                        "lat", 1.5,
                        "lon", 2.5,
                        "speed_kmh", 30.0,
                        "heading", 90.0,
                        "recorded_at", recordedAt));
        return change("driver_location_events", LOCATION, "c", null, ping, null, COMMIT_US);
    }
}
