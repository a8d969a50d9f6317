package dev.rideops.job.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    private static long viaInstant(String s) {
        Instant t = Instant.parse(s);
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    @Test
    void agreesWithInstantParseOnEveryFractionLength() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // 1970..2100, any nanosecond: Instant.toString drops trailing zero groups, as Debezium's output does
            Instant t = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE) * 2L, random.nextInt(1_000_000_000));
            String[] shapes = {
                t.toString(),
                t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()
            };
            for (String s : shapes) {
                assertThat(IsoTimestamps.micros(s)).as(s).isEqualTo(viaInstant(s));
            }
        }
    }

    @Test
    void oddFractionLengthsAndBoundaries() {
        for (String s : new String[] {
            "2026-11-26T03:30:01.1Z",
            "2026-11-26T03:30:01.12345Z",
            "2026-11-26T03:30:01.123456789Z",
            "2024-02-29T23:59:59.999999Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z",
            "2026-11-26T24:00:00Z",
            "2026-11-26T03:30:01.Z"
        }) {
            assertThat(IsoTimestamps.micros(s)).as(s).isEqualTo(viaInstant(s));
        }
    }

    @Test
    void offsetsStillParse() {
        assertThat(IsoTimestamps.micros("2026-11-26T05:30:01.25+02:00"))
                .isEqualTo(viaInstant("2026-11-26T03:30:01.25Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-01T00:00:00Z",
                "2026-02-30T00:00:00Z",
                "2026-11-26 03:30:01Z",
                "not a time",
                "2026-11-26T03:3x:01Z",
                ""
            })
    void malformedIsAParseError(String s) {
        assertThatThrownBy(() -> IsoTimestamps.micros(s)).isInstanceOf(DateTimeParseException.class);
    }
}
