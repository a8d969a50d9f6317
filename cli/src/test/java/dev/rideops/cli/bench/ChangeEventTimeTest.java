package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeEventTimeTest {

    /** A driver's status update as Debezium's JSON converter writes it with schemas off (abridged source block). */
    private static final String DRIVER_UPDATE = """
            {"before":null,"after":{"driver_id":17,"status":"BUSY","rating":"4.85",
            "updated_at":"2026-11-30T22:29:05.123456Z","created_at":"2026-11-01T00:00:00Z"},
            "source":{"version":"3.0.8.Final","connector":"postgresql","ts_ms":1796077745130,
            "nested":{"updated_at":"1999-01-01T00:00:00Z"}},"op":"u","ts_ms":1796077745190}""";

    @Test
    void readsTheColumnOfTheAfterImageToTheMicrosecond() {
        long micros = ChangeEventTime.micros(bytes(DRIVER_UPDATE), "updated_at");

        assertThat(micros).isEqualTo(ChangeEventTime.micros(Instant.parse("2026-11-30T22:29:05.123456Z")));
        assertThat(micros % 1_000_000).isEqualTo(123_456);
    }

    @Test
    void anAfterImageLaterInTheEventIsFoundPastNestedObjects() {
        String ping = "{\"source\":{\"after\":{\"recorded_at\":\"1999-01-01T00:00:00Z\"}},\"op\":\"c\","
                + "\"after\":{\"event_id\":9,\"meta\":{\"recorded_at\":\"x\"},\"recorded_at\":\"2026-11-30T22:29:06Z\"}}";

        assertThat(ChangeEventTime.micros(bytes(ping), "recorded_at"))
                .isEqualTo(Instant.parse("2026-11-30T22:29:06Z").getEpochSecond() * 1_000_000L);
    }

    @Test
    void whatHasNoSuchTimeIsNone() {
        assertThat(ChangeEventTime.micros(null, "updated_at")).isEqualTo(ChangeEventTime.NONE); // tombstone
        assertThat(ChangeEventTime.micros(
                        bytes("{\"before\":{\"driver_id\":1},\"after\":null,\"op\":\"d\"}"), "updated_at"))
                .isEqualTo(ChangeEventTime.NONE);
        assertThat(ChangeEventTime.micros(bytes(DRIVER_UPDATE), "recorded_at")).isEqualTo(ChangeEventTime.NONE);
        assertThat(ChangeEventTime.micros(bytes("{\"after\":{\"updated_at\":\"yesterday\"}}"), "updated_at"))
                .isEqualTo(ChangeEventTime.NONE);
        assertThat(ChangeEventTime.micros(new byte[] {0, 0, 0, 0, 7, 2, 4}, "updated_at")) // an Avro-framed value
                .isEqualTo(ChangeEventTime.NONE);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
