package dev.rideops.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:30Z");

    @Test
    void theDefaultIsTheLastHourOfMinutesInEveryCity() {
        Selection s = Selection.parse(Map.of(), NOW);
        assertThat(s.to()).isEqualTo(NOW);
        assertThat(Duration.between(s.from(), s.to())).isEqualTo(Duration.ofHours(1));
        assertThat(s.bucket()).isEqualTo("minute");
        assertThat(s.city()).isEmpty();
        assertThat(s.problem()).isEmpty();
    }

    @Test
    void aRangeEndsAtTheChosenMinute() {
        Selection s = Selection.parse(Map.of("range", "15m", "to", "1764331200", "city", "HAN"), NOW);
        assertThat(s.to()).isEqualTo(Instant.ofEpochSecond(1764331200));
        assertThat(s.from()).isEqualTo(s.to().minus(Duration.ofMinutes(15)));
        assertThat(s.problem()).isEmpty();
    }

    @Test
    void badInputIsAReasonNotAnError() {
        assertThat(Selection.parse(Map.of("city", "XYZ"), NOW).problem())
                .hasValueSatisfying(
                        r -> assertThat(r).contains("unknown city 'XYZ'").contains("HCM, HAN, DAD"));
        assertThat(Selection.parse(Map.of("range", "0m"), NOW).problem())
                .hasValueSatisfying(r -> assertThat(r).contains("time range is empty"));
        assertThat(Selection.parse(Map.of("bucket", "day"), NOW).problem())
                .hasValueSatisfying(r -> assertThat(r).contains("unknown bucket 'day'"));
        assertThat(Selection.parse(Map.of("driver", "abc"), NOW).problem())
                .hasValueSatisfying(r -> assertThat(r).contains("driver id"));
        assertThat(Selection.parse(Map.of("to", "yesterday"), NOW).problem()).isPresent();
    }
}
