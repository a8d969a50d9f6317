package dev.rideops.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.error.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CohortScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-29T00:07:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-29");

    private static BatchRun run(String day, String state, Instant started) {
        return new BatchRun(LocalDate.parse(day), state, null, started, null, 7, 30, 300, null, null);
    }

    @Test
    void justAfterMidnightYesterdayIsDue() {
        Map<LocalDate, BatchRun> runs =
                Map.of(LocalDate.parse("2026-11-27"), run("2026-11-27", BatchRun.DONE, NOW.minus(Duration.ofDays(1))));
        assertThat(CohortSchedule.due(Optional.of(LocalDate.parse("2026-11-27")), runs, NOW, 30))
                .containsExactly(LocalDate.parse("2026-11-28"));
    }

    @Test
    void missedAndFailedDaysAreCaughtUpButNotTodayNorDaysDoneOrRunning() {
        Map<LocalDate, BatchRun> runs = Map.of(
                LocalDate.parse("2026-11-24"), run("2026-11-24", BatchRun.DONE, NOW),
                LocalDate.parse("2026-11-25"), run("2026-11-25", BatchRun.FAILED, NOW),
                LocalDate.parse("2026-11-26"), run("2026-11-26", BatchRun.RUNNING, NOW.minusSeconds(60)),
                LocalDate.parse("2026-11-27"), run("2026-11-27", BatchRun.RUNNING, NOW.minus(Duration.ofHours(7))));
        assertThat(CohortSchedule.due(Optional.of(LocalDate.parse("2026-11-23")), runs, NOW, 30))
                .containsExactly(
                        LocalDate.parse("2026-11-23"),
                        LocalDate.parse("2026-11-25"),
                        LocalDate.parse("2026-11-27"),
                        LocalDate.parse("2026-11-28"));
    }

    @Test
    void catchUpGoesBackAtMostTheConfiguredDaysAndNothingWithoutActivity() {
        assertThat(CohortSchedule.due(Optional.of(LocalDate.parse("2026-01-01")), Map.of(), NOW, 3))
                .containsExactly(TODAY.minusDays(3), TODAY.minusDays(2), TODAY.minusDays(1));
        assertThat(CohortSchedule.due(Optional.empty(), Map.of(), NOW, 30)).isEmpty();
        assertThat(CohortSchedule.due(Optional.of(TODAY), Map.of(), NOW, 30))
                .as("only today has activity: it has not ended")
                .isEmpty();
    }

    @Test
    void aDayThatHasNotEndedIsRefusedInOneLine() {
        assertThatThrownBy(() -> CohortBatchRun.days(TODAY, TODAY, TODAY))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("has not ended yet");
        assertThatThrownBy(() -> CohortBatchRun.days(TODAY.minusDays(1), TODAY.plusDays(3), TODAY))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is in the future");
        assertThatThrownBy(() -> CohortBatchRun.days(TODAY.minusDays(1), TODAY.minusDays(2), TODAY))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("before --from");
        assertThat(CohortBatchRun.days(TODAY.minusDays(3), TODAY.minusDays(1), TODAY))
                .containsExactly(TODAY.minusDays(3), TODAY.minusDays(2), TODAY.minusDays(1));
    }
}
