package dev.rideops.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsEveryUnitAndBareSeconds() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationText.parse(" 10m ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertThatThrownBy(() -> DurationText.parse("ten minutes")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> DurationText.parse("-5s")).hasMessageContaining("is not a duration");
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(DurationText.format(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(DurationText.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.format(DurationText.parse("1d"))).isEqualTo("1d");
    }
}
