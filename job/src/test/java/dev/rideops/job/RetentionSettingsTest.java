package dev.rideops.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A horizon the job adds to a clock must be positive and small enough not to overflow into the past. */
class RetentionSettingsTest {

    @Test
    void theDefaultsAreTwoDaysTwoDaysAndEightDays() {
        JobSettings.Retention r = JobSettings.from(new String[0]).retention();

        assertThat(r.dedupHorizonMs()).isEqualTo(2 * 86_400_000L);
        assertThat(r.hourRetentionMs()).isEqualTo(8 * 86_400_000L);
    }

    @Test
    void aHorizonOfZeroNegativeOrNearLongMaxIsRefusedNamingItsFlag() {
        for (String value : new String[] {"0", "-1", String.valueOf(Long.MAX_VALUE - 1)}) {
            assertThatThrownBy(() -> JobSettings.from(new String[] {"--dedup-horizon-ms", value}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--dedup-horizon-ms " + value + " must be between 1 and");
        }
        assertThatThrownBy(() -> JobSettings.from(new String[] {"--hour-retention-ms", "0"}))
                .hasMessageContaining("--hour-retention-ms 0");
    }
}
