package dev.rideops.job.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CdcRecordDeserializerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final CdcRecordDeserializer deserializer =
            new CdcRecordDeserializer(3_600_000, RegistrySchemas.none(), NOW::toEpochMilli);

    @Test
    void anEventCarriesItsEventTimeAsTheRecordTimestamp() {
        Decoded d = deserializer
                .decode("rideops.public.driver_location_events", ping("2026-11-28T11:59:58Z"))
                .orElseThrow();
        assertThat(d.event).isNotNull();
        assertThat(d.timestampMillis())
                .isEqualTo(Instant.parse("2026-11-28T11:59:58Z").toEpochMilli());
    }

    @Test
    void anEventStampedBeyondTheFutureGuardIsDeadLetteredWithItsReason() {
        Decoded d = deserializer
                .decode("rideops.public.driver_location_events", ping("2026-11-28T13:00:01Z"))
                .orElseThrow();
        assertThat(d.event).isNull();
        assertThat(d.deadLetter.reason).contains("in the future").contains("2026-11-28T13:00:01Z");
        assertThat(d.timestampMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void malformedRecordsBecomeDeadLettersAndTombstonesDecodeToNothing() {
        Decoded bad = deserializer
                .decode("rideops.public.bookings", "{not json".getBytes(StandardCharsets.UTF_8))
                .orElseThrow();
        assertThat(bad.deadLetter.reason).startsWith("not JSON");
        assertThat(bad.deadLetter.payload).isEqualTo("{not json");
        assertThat(deserializer.decode("rideops.public.bookings", null)).isEmpty();
    }

    private static byte[] ping(String recordedAt) {
        return ("{\"op\":\"c\",\"after\":{\"event_id\":1,\"driver_id\":7,\"lat\":1.5,\"lon\":2.5,\"speed_kmh\":30,"
                        + "\"heading\":90,\"recorded_at\":\"" + recordedAt + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
