package dev.rideops.job.sinks;

import dev.rideops.contract.MartRetention;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a mart table's MINUTE rows older than {@code mart.retention.minute-days} before the watermark's day
 * ({@link MartRetention#oldestMinuteKept}), from the sink that writes the table, as TimeseriesCleanup does for the
 * search node's daily indexes: on subtask 0 only (one deleter per table, so two never lock the same rows), at the
 * first watermark after a start and then at most once an hour. Each statement deletes at most {@link #BATCH} rows,
 * oldest first, through the primary key's index (it leads with {@code bucket_start}), so it never scans the table
 * and never holds the task thread for long; while a statement deletes a full batch the next one follows a second
 * later, until the backlog (a first start on an old mart) is gone. Idempotent: a later run deletes what an earlier
 * one left. A failure is logged and tried again an hour later: old rows cost disk, not correctness, and must not
 * restart the pipeline.
 */
public final class MinuteExpiry implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MinuteExpiry.class);

    /** Rows per statement: small, as the task thread waits for it; an hour of heatmap rows takes a few. */
    static final int BATCH = 10_000;

    static final long EVERY_MS = 3_600_000L;
    static final long AGAIN_MS = 1_000L;

    private final String table;
    private final String sql;
    private final int days;

    /**
     * @param table the table, for the log
     * @param minuteFilter what else a row must match to be a MINUTE row ({@code ""} when every row is one)
     * @param days days kept before the watermark's day; 0 keeps every row
     */
    MinuteExpiry(String table, String minuteFilter, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("a minute retention of " + days + " days");
        }
        this.table = table;
        this.sql = deleteSql(table, minuteFilter);
        this.days = days;
    }

    /**
     * The bounded delete: the oldest {@code BATCH} expired rows by the primary key's index, then those rows by their
     * physical address. A row rewritten in between has moved and stays; a later run gets it if it is still old.
     */
    static String deleteSql(String table, String minuteFilter) {
        return "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE "
                + (minuteFilter.isEmpty() ? "" : minuteFilter + " AND ") + "bucket_start < ? "
                + "ORDER BY bucket_start LIMIT ?))";
    }

    String sql() {
        return sql;
    }

    /** Whether this writer deletes at all: retention on, and the writer is the table's one deleter. */
    boolean runsOn(int subtask) {
        return days > 0 && subtask == 0;
    }

    /**
     * The cutoff for a watermark, empty for no watermark yet ({@code Long.MIN_VALUE} and the like) or the end of
     * input ({@code Long.MAX_VALUE}, which would otherwise delete everything).
     */
    Optional<Instant> cutoff(long watermarkMillis) {
        if (watermarkMillis <= 0 || watermarkMillis == Long.MAX_VALUE) {
            return Optional.empty();
        }
        return MartRetention.oldestMinuteKept(watermarkMillis, days);
    }

    /**
     * Runs one bounded delete in its own transaction on {@code c} (which has auto-commit off); returns when to run
     * again: soon while the statement filled a batch, else in an hour, also after a failure.
     */
    long run(Connection c, Instant cutoff, long nowMs) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            s.setInt(2, BATCH);
            int deleted = s.executeUpdate();
            c.commit();
            if (deleted > 0) {
                LOG.info("deleted {} rows of {} older than {} ({} days)", deleted, table, cutoff, days);
            }
            return nowMs + (deleted >= BATCH ? AGAIN_MS : EVERY_MS);
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the sink opens a new one on its next flush
            }
            LOG.warn("could not delete rows of {} older than {}; trying again in an hour", table, cutoff, e);
            return nowMs + EVERY_MS;
        }
    }
}
