package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfADoublingCeiling() {
        Backoff backoff = new Backoff(200, 30_000, new SplittableRandom(7));

        long[] ceilings = {200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            long ceiling = ceilings[attempt - 1];
            for (int draw = 0; draw < 200; draw++) {
                assertThat(backoff.delayMs(attempt)).as("retry %d", attempt).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void aNodeDownForHoursIsStillAskedAtMostTheMaximumApart() {
        Backoff backoff = new Backoff(200, 30_000, new SplittableRandom(7));

        for (int attempt : new int[] {50, 62, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(backoff.delayMs(attempt)).as("retry %d", attempt).isBetween(15_000L, 30_000L);
        }
    }

    @Test
    void theJitterSpreadsRetriesAndASeedRepeatsThem() {
        Backoff one = new Backoff(200, 30_000, new SplittableRandom(42));
        Backoff same = new Backoff(200, 30_000, new SplittableRandom(42));

        long[] delays = new long[20];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = one.delayMs(9);
            assertThat(same.delayMs(9)).isEqualTo(delays[i]);
        }
        assertThat(java.util.Arrays.stream(delays).distinct().count()).isGreaterThan(15);
    }

    @Test
    void aMaximumBelowTheFirstDelayIsRefused() {
        assertThatThrownBy(() -> new Backoff(200, 100, new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initial 200 ms, max 100 ms");
    }
}
