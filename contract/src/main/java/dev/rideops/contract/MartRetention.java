package dev.rideops.contract;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How long the mart keeps its own bookkeeping: the newest {@code mart.retention.verify-runs} verify runs (their
 * checks go with them, {@code ON DELETE CASCADE}) and the cohort batch's rows of the {@code mart.retention.cohort-days}
 * days before the day a run computes. Each table is bounded by the one that writes it, right after it writes (verify
 * after storing its run, the batch in its day's transaction), so a table grows only while its writer runs and its
 * writer always prunes it. Counted from the day computed, not the clock, like {@link TimeseriesRetention}: a backfill
 * of old days does not delete what it is writing.
 */
public final class MartRetention {

    /** Verify runs kept: a year of two a day, and at most ~20k check rows. */
    public static final int DEFAULT_VERIFY_RUNS = 500;
    /** Days of cohort rows kept: a whole year of retention curves, with room for the curves' 30-day width. */
    public static final int DEFAULT_COHORT_DAYS = 400;

    private MartRetention() {}

    /**
     * The oldest day a run for {@code day} keeps, when it keeps {@code days} days before it; empty when {@code days}
     * is 0 (every day is kept). A cohort goes whole (by its {@code cohort_date}), so no curve is left cut.
     */
    public static Optional<LocalDate> oldestKept(LocalDate day, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("a retention of " + days + " days");
        }
        return days == 0 ? Optional.empty() : Optional.of(day.minusDays(days));
    }

    /**
     * The fewest cohort days that never delete what the batch still writes or owes: a run for day D writes cohorts
     * from {@code maxDayOffset} days before D, and the daily schedule runs again any day up to {@code catchUpDays}
     * back that has no DONE row in {@code batch_run} (deleting those rows would have it recompute them forever).
     */
    public static int fewestCohortDays(int maxDayOffset, int catchUpDays) {
        return Math.max(maxDayOffset, catchUpDays) + 1;
    }
}
