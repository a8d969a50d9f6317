package dev.rideops.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How long the mart keeps its own bookkeeping: the newest {@code mart.retention.verify-runs} verify runs (their
 * checks go with them, {@code ON DELETE CASCADE}) and the cohort batch's rows of the {@code mart.retention.cohort-days}
 * days before the day a run computes. Each table is bounded by the one that writes it, right after it writes (verify
 * after storing its run, the batch in its day's transaction), so a table grows only while its writer runs and its
 * writer always prunes it. Counted from the day computed, not the clock, like {@link TimeseriesRetention}: a backfill
 * of old days does not delete what it is writing.
 *
 * <p>The mart's MINUTE rows ({@code fact_metric_bucket} MINUTE, {@code cell_supply_demand},
 * {@code snapshot_metric_minute}) are deleted by the streaming job's sinks that write them, once an hour, older than
 * {@code mart.retention.minute-days} before the watermark's day ({@link #oldestMinuteKept}). HOUR rows stay: 24 a day
 * per metric, a few MB a year.
 */
public final class MartRetention {

    /** Verify runs kept: a year of two a day, and at most ~20k check rows. */
    public static final int DEFAULT_VERIFY_RUNS = 500;
    /** Days of cohort rows kept: a whole year of retention curves, with room for the curves' 30-day width. */
    public static final int DEFAULT_COHORT_DAYS = 400;
    /**
     * Days of MINUTE rows kept (fact_metric_bucket MINUTE, cell_supply_demand, snapshot_metric_minute): a month of
     * minute charts and heatmaps (the heatmap's rows, hundreds a minute, are most of the mart's disk).
     */
    public static final int DEFAULT_MINUTE_DAYS = 35;
    /** How long the job keeps a MINUTE bucket's state by default ({@code minute-retention-ms}): 2 days. */
    public static final long DEFAULT_MINUTE_BUCKET_RETENTION_MS = 2 * 86_400_000L;

    private static final long DAY_MS = 86_400_000L;
    private static final long MINUTE_MS = 60_000L;

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

    /**
     * The start of the oldest MINUTE bucket kept when the job's watermark is {@code watermarkMillis}: the start of the
     * watermark's UTC day, {@code days} days back ({@link #oldestKept}); empty when {@code days} is 0. Counted from
     * the watermark, not the clock: a job replaying an old log deletes only what lies {@code days} behind what it has
     * reached, and with its state it never writes a minute older than the watermark minus its bucket retention.
     */
    public static Optional<Instant> oldestMinuteKept(long watermarkMillis, int days) {
        LocalDate day =
                Instant.ofEpochMilli(watermarkMillis).atZone(ZoneOffset.UTC).toLocalDate();
        return oldestKept(day, days).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * The fewest minute days that never delete a minute the job may still write: it updates a MINUTE bucket until the
     * watermark passes the bucket's end plus {@code minuteBucketRetentionMs}, and the cutoff lies at least
     * {@code days} whole days before the watermark.
     */
    public static int fewestMinuteDays(long minuteBucketRetentionMs) {
        if (minuteBucketRetentionMs < 0) {
            throw new IllegalArgumentException("a bucket retention of " + minuteBucketRetentionMs + " ms");
        }
        return (int) Math.max(1, (minuteBucketRetentionMs + MINUTE_MS + DAY_MS - 1) / DAY_MS);
    }
}
