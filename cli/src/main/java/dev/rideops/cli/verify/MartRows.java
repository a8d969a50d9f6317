package dev.rideops.cli.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** What the pipeline wrote to the reporting mart. */
final class MartRows {

    private final Connection reporting;

    MartRows(Connection reporting) throws SQLException {
        this.reporting = reporting;
        SourceTruth.utc(reporting);
    }

    Map<BucketKey, Map<String, Double>> buckets(Instant since) throws SQLException {
        Map<BucketKey, Map<String, Double>> result = new HashMap<>();
        try (PreparedStatement ps = reporting.prepareStatement("SELECT bucket_granularity, bucket_start, metric_name, "
                + "metric_value FROM mart.fact_metric_bucket" + (since == null ? "" : " WHERE bucket_start >= ?"))) {
            if (since != null) {
                ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(
                                    new BucketKey(
                                            rs.getString(1),
                                            rs.getObject(2, OffsetDateTime.class)
                                                    .toInstant()),
                                    k -> new HashMap<>())
                            .put(rs.getString(3), rs.getDouble(4));
                }
            }
        }
        return result;
    }

    Map<String, Double> snapshot() throws SQLException {
        Map<String, Double> result = new HashMap<>();
        try (Statement s = reporting.createStatement();
                ResultSet rs = s.executeQuery("SELECT metric_name, metric_value FROM mart.latest_metric_snapshot")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return result;
    }

    /** Each metric's value in its newest MINUTE bucket: what its latest snapshot value must be. */
    Map<String, Double> newestMinuteValues() throws SQLException {
        Map<String, Double> result = new HashMap<>();
        try (Statement s = reporting.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT ON (metric_name) metric_name, metric_value "
                        + "FROM mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE' "
                        + "ORDER BY metric_name, bucket_start DESC")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return result;
    }

    /** The event time of the newest change the snapshot table reflects, null before any. */
    Instant newestSnapshotChange() throws SQLException {
        return NewestTime.of(reporting, "SELECT max(last_updated) FROM mart.latest_metric_snapshot");
    }

    /**
     * The newest minute any MINUTE table holds, null before any: what the job's watermark had about reached when it
     * last wrote. Each is a backward scan of a primary key that leads with {@code bucket_start}.
     */
    Instant newestMinute() throws SQLException {
        return NewestTime.of(
                reporting,
                "SELECT greatest("
                        + "(SELECT max(bucket_start) FROM mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE'), "
                        + "(SELECT max(bucket_start) FROM mart.cell_supply_demand), "
                        + "(SELECT max(bucket_start) FROM mart.snapshot_metric_minute))");
    }
}
