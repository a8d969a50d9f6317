package dev.rideops.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which MINUTE buckets verify compares when the job deletes those older than mart.retention.minute-days. */
class MinuteRetentionWindowTest {

    @Test
    void verifyComparesFromADayAfterTheOldestMinuteTheJobKeeps() {
        // the job, with its watermark anywhere on 2026-11-28, keeps minutes from 2026-10-24 on
        assertThat(Verifier.oldestMinuteCompared(Instant.parse("2026-11-28T13:45:00Z"), 35))
                .contains(Instant.parse("2026-10-25T00:00:00Z"));
        // its watermark may already be on the next day when the newest minute written is the last of this one
        assertThat(Verifier.oldestMinuteCompared(Instant.parse("2026-11-28T23:59:00Z"), 35))
                .contains(Instant.parse("2026-10-25T00:00:00Z"));
    }

    @Test
    void everyMinuteIsComparedWithoutARetentionOrWithoutMinutes() {
        assertThat(Verifier.oldestMinuteCompared(Instant.parse("2026-11-28T13:45:00Z"), 0))
                .isEmpty();
        assertThat(Verifier.oldestMinuteCompared(null, 35)).isEmpty();
    }
}
