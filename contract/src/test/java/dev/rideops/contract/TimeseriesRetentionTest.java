package dev.rideops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeseriesRetentionTest {

    @Test
    void keepsTheNewestDayAndTheRetainedDaysBeforeIt() {
        List<String> names = List.of(
                "driver_locations_timeseries-2026.11.20",
                "driver_locations_timeseries-2026.11.21",
                "driver_locations_timeseries-2026.11.28",
                "driver_locations_timeseries-2026.10.01");

        assertThat(TimeseriesRetention.expired(names, LocalDate.of(2026, 11, 28), 7))
                .containsExactly("driver_locations_timeseries-2026.10.01", "driver_locations_timeseries-2026.11.20");
        assertThat(TimeseriesRetention.oldestKept(LocalDate.of(2026, 11, 28), 7))
                .isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void neverPicksAnIndexThatIsNotADailyOne() {
        List<String> names = List.of(
                "driver_locations",
                "driver_locations_timeseries-backup",
                "driver_locations_timeseries-2026.13.01",
                "other-2020.01.01");

        assertThat(TimeseriesRetention.expired(names, LocalDate.of(2026, 11, 28), 1))
                .isEmpty();
    }
}
