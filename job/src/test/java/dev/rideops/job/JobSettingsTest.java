package dev.rideops.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobSettingsTest {

    /** A full heap snapshot at every checkpoint: the default spaces them 30 s apart; deploy may ask for others. */
    @Test
    void checkpointsEveryThirtySecondsUnlessTold() {
        assertThat(JobSettings.from(new String[0]).timing().checkpointIntervalMs())
                .isEqualTo(30_000);
        assertThat(JobSettings.from(new String[] {"--checkpoint-interval-ms", "5000"})
                        .timing()
                        .checkpointIntervalMs())
                .isEqualTo(5_000);
    }
}
