package dev.rideops.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The network buffer timeout: a CPU lever of issue #16, measurable against the old value without a rebuild. */
class TimingSettingsTest {

    @Test
    void buffersWaitAtMost25MsUnlessDeployAsksForAnotherTimeout() {
        assertThat(JobSettings.from(new String[0]).timing().bufferTimeoutMs()).isEqualTo(25);
        // the value before issue #16, for an A/B run: deploy --job-arg buffer-timeout-ms=10
        assertThat(JobSettings.from(new String[] {"--buffer-timeout-ms", "10"})
                        .timing()
                        .bufferTimeoutMs())
                .isEqualTo(10);
    }
}
