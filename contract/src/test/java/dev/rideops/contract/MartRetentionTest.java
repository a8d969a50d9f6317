package dev.rideops.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
