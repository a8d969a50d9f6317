package dev.rideops.job.sinks;

import dev.rideops.job.kpi.CellRow;
import dev.rideops.job.kpi.MetricRow;
import dev.rideops.job.kpi.SnapshotMinute;
import dev.rideops.job.kpi.SnapshotRow;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The mart tables, as upsert sinks. */
public final class MartSinks {

    static final String FACT_UPSERT = "INSERT INTO mart.fact_metric_bucket "
            + "(bucket_start, bucket_granularity, metric_name, metric_value) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (bucket_start, bucket_granularity, metric_name) "
            + "DO UPDATE SET metric_value = EXCLUDED.metric_value";

    static final String FACT_REMOVE = "DELETE FROM mart.fact_metric_bucket "
            + "WHERE bucket_start = ? AND bucket_granularity = ? AND metric_name = ?";

    static final String CELL_REMOVE = "DELETE FROM mart.cell_supply_demand WHERE bucket_start = ? AND cell = ?";

    static final String SNAPSHOT_UPSERT = "INSERT INTO mart.latest_metric_snapshot "
            + "(metric_name, metric_value, last_updated) VALUES (?, ?, ?) "
            + "ON CONFLICT (metric_name) DO UPDATE SET metric_value = EXCLUDED.metric_value, "
            + "last_updated = EXCLUDED.last_updated "
            // a KPI's value from an older bucket, updated by a late event, must not replace the newest bucket's
            + "WHERE mart.latest_metric_snapshot.last_updated <= EXCLUDED.last_updated";

    /**
     * A KPI's latest value whose minute lost it: the snapshot falls back to the newest other minute that has the
     * metric, but only if it still shows the emptied minute (a newer minute's value stays). The emptied minute is
     * excluded by its start, not by its row being gone: the fact sink may not have deleted it yet.
     */
    static final String SNAPSHOT_FALL_BACK = "WITH newest AS (SELECT metric_value, bucket_start "
            + "FROM mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE' AND metric_name = ? "
            + "AND bucket_start <> ? ORDER BY bucket_start DESC LIMIT 1) "
            + "UPDATE mart.latest_metric_snapshot s SET metric_value = newest.metric_value, "
            + "last_updated = newest.bucket_start FROM newest WHERE s.metric_name = ? AND s.last_updated = ?";

    static final String SNAPSHOT_MINUTE_UPSERT = "INSERT INTO mart.snapshot_metric_minute "
            + "(bucket_start, metric_name, metric_value, last_updated) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (bucket_start, metric_name) DO UPDATE SET metric_value = EXCLUDED.metric_value, "
            + "last_updated = EXCLUDED.last_updated";

    static final String CELL_UPSERT = "INSERT INTO mart.cell_supply_demand "
            + "(bucket_start, cell, requests, drivers_present, drivers_available, avg_surge, late_pings) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket_start, cell) DO UPDATE SET "
            + "requests = EXCLUDED.requests, drivers_present = EXCLUDED.drivers_present, "
            + "drivers_available = EXCLUDED.drivers_available, avg_surge = EXCLUDED.avg_surge, "
            + "late_pings = EXCLUDED.late_pings";

    private MartSinks() {}

    public static JdbcUpsertSink<MetricRow> facts(JdbcTarget target, long flushEveryMs) {
        return new JdbcUpsertSink<MetricRow>(
                        target,
                        FACT_UPSERT,
                        (ps, r) -> {
                            ps.setObject(1, time(r.bucketStart));
                            ps.setString(2, r.granularity);
                            ps.setString(3, r.metric);
                            ps.setDouble(4, r.value);
                        },
                        r -> r.granularity + "|" + r.bucketStart + "|" + r.metric,
                        1000,
                        flushEveryMs)
                // a retraction can leave a metric with no value in its bucket: then it has no row, as on the source
                .withRemovals(new JdbcUpsertSink.Removals<>(
                        FACT_REMOVE,
                        (ps, r) -> {
                            ps.setObject(1, time(r.bucketStart));
                            ps.setString(2, r.granularity);
                            ps.setString(3, r.metric);
                        },
                        r -> r.removed));
    }

    public static JdbcUpsertSink<SnapshotRow> snapshots(JdbcTarget target, long flushEveryMs) {
        return new JdbcUpsertSink<SnapshotRow>(
                        target,
                        SNAPSHOT_UPSERT,
                        (ps, r) -> {
                            ps.setString(1, r.metric);
                            ps.setDouble(2, r.value);
                            ps.setObject(3, time(r.lastUpdated));
                        },
                        r -> r.metric,
                        // the newest bucket's value wins within a batch too: during a backlog, buckets emit in any
                        // order
                        (buffered, arriving) -> arriving.lastUpdated >= buffered.lastUpdated,
                        100,
                        flushEveryMs)
                .withRemovals(new JdbcUpsertSink.Removals<>(
                        SNAPSHOT_FALL_BACK,
                        (ps, r) -> {
                            ps.setString(1, r.metric);
                            ps.setObject(2, time(r.lastUpdated));
                            ps.setString(3, r.metric);
                            ps.setObject(4, time(r.lastUpdated));
                        },
                        r -> r.removed));
    }

    /** The current-state counts per minute; within a batch the later value of a minute wins, as in the table. */
    public static JdbcUpsertSink<SnapshotMinute> snapshotMinutes(JdbcTarget target, long flushEveryMs) {
        return new JdbcUpsertSink<SnapshotMinute>(
                target,
                SNAPSHOT_MINUTE_UPSERT,
                (ps, r) -> {
                    ps.setObject(1, time(r.bucketStart));
                    ps.setString(2, r.metric);
                    ps.setDouble(3, r.value);
                    ps.setObject(4, time(r.lastUpdated));
                },
                SnapshotMinute::key,
                100,
                flushEveryMs);
    }

    public static JdbcUpsertSink<CellRow> cells(JdbcTarget target, long flushEveryMs) {
        return new JdbcUpsertSink<CellRow>(
                        target,
                        CELL_UPSERT,
                        (ps, r) -> {
                            ps.setObject(1, time(r.bucketStart));
                            ps.setString(2, r.cell);
                            ps.setLong(3, r.requests);
                            ps.setLong(4, r.driversPresent);
                            ps.setLong(5, r.driversAvailable);
                            ps.setObject(6, r.avgSurge, Types.DOUBLE);
                            ps.setLong(7, r.latePings);
                        },
                        r -> r.bucketStart + "|" + r.cell,
                        1000,
                        flushEveryMs)
                // a cell whose only request was deleted has nothing left: no row, as for a cell never touched
                .withRemovals(new JdbcUpsertSink.Removals<>(
                        CELL_REMOVE,
                        (ps, r) -> {
                            ps.setObject(1, time(r.bucketStart));
                            ps.setString(2, r.cell);
                        },
                        CellRow::isEmpty));
    }

    /** Epoch microseconds as a timestamptz parameter. */
    static OffsetDateTime time(long micros) {
        return OffsetDateTime.ofInstant(
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000),
                ZoneOffset.UTC);
    }
}
