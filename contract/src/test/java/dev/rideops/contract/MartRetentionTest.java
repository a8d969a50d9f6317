package dev.rideops.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MartRetentionTest {

    @Test
    void aRunKeepsTheDaysBeforeItsOwnDayNotTheClocks() {
        assertThat(MartRetention.oldestKept(LocalDate.of(2026, 11, 28), 400)).contains(LocalDate.of(2025, 10, 24));
        // a backfill of an old day counts from that day
        assertThat(MartRetention.oldestKept(LocalDate.of(2024, 1, 1), 1)).contains(LocalDate.of(2023, 12, 31));
    }

    @Test
    void zeroKeepsEveryDayAndANegativeRetentionIsABug() {
        assertThat(MartRetention.oldestKept(LocalDate.of(2026, 11, 28), 0)).isEmpty();
        assertThatThrownBy(() -> MartRetention.oldestKept(LocalDate.of(2026, 11, 28), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFewestCohortDaysOutlastTheCurvesWidthAndTheSchedulesCatchUp() {
        assertThat(MartRetention.fewestCohortDays(30, 30)).isEqualTo(31);
        assertThat(MartRetention.fewestCohortDays(90, 30)).isEqualTo(91);
        assertThat(MartRetention.fewestCohortDays(7, 60)).isEqualTo(61);
        assertThat(MartRetention.DEFAULT_COHORT_DAYS)
                .isGreaterThanOrEqualTo(MartRetention.fewestCohortDays(
                        CohortBatchContract.DEFAULT_MAX_DAY_OFFSET, 30 /* batch.catch-up-days' default */));
    }

    @Test
    void minutesAreKeptFromTheStartOfTheWatermarksDayTheRetentionsDaysBack() {
        long watermark = Instant.parse("2026-11-28T13:45:10Z").toEpochMilli();
        assertThat(MartRetention.oldestMinuteKept(watermark, 35)).contains(Instant.parse("2026-10-24T00:00:00Z"));
        // just past midnight the cutoff moves by a whole day, never by less
        assertThat(MartRetention.oldestMinuteKept(
                        Instant.parse("2026-11-29T00:00:00Z").toEpochMilli(), 35))
                .contains(Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(MartRetention.oldestMinuteKept(
                        Instant.parse("2026-11-28T23:59:59.999Z").toEpochMilli(), 35))
                .contains(Instant.parse("2026-10-24T00:00:00Z"));
        assertThat(MartRetention.oldestMinuteKept(watermark, 0)).isEmpty();
    }

    @Test
    void theCutoffNeverReachesAMinuteTheJobStillUpdates() {
        long day = 86_400_000L;
        int fewest = MartRetention.fewestMinuteDays(MartRetention.DEFAULT_MINUTE_BUCKET_RETENTION_MS);
        assertThat(fewest).isEqualTo(3);
        // the oldest minute the job still updates at any watermark of a day is kept
        for (long watermark = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();
                watermark < Instant.parse("2026-11-29T00:00:00Z").toEpochMilli();
                watermark += 7 * 60_000L) {
            long oldestUpdated = watermark - MartRetention.DEFAULT_MINUTE_BUCKET_RETENTION_MS - 60_000L;
            assertThat(MartRetention.oldestMinuteKept(watermark, fewest).orElseThrow())
                    .isBeforeOrEqualTo(Instant.ofEpochMilli(oldestUpdated));
        }
        assertThat(MartRetention.fewestMinuteDays(day - 60_000L)).isEqualTo(1);
        assertThat(MartRetention.fewestMinuteDays(day)).isEqualTo(2);
        assertThat(MartRetention.DEFAULT_MINUTE_DAYS).isGreaterThanOrEqualTo(fewest);
    }
}
