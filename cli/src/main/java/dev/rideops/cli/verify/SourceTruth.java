package dev.rideops.cli.verify;

import dev.rideops.cli.verify.MetricDefinitions.BucketMetric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metrics recomputed from {@code ride_hailing_db}: one grouped scan per (table, time column) computes every
 * metric over that column for MINUTE and HOUR buckets at once ({@code GROUPING SETS}), so the database aggregates
 * and Java only compares.
 */
final class SourceTruth {

    private final Connection source;

    SourceTruth(Connection source) throws SQLException {
        this.source = source;
        utc(source);
    }

    /** Buckets have UTC starts: date_trunc on timestamptz works in the session's time zone. */
    static void utc(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
        }
    }

    /** Every aggregate bucket metric for buckets starting at or after {@code since} (all when null). */
    Map<BucketKey, Map<String, Double>> buckets(MetricDefinitions definitions, Instant since) throws SQLException {
        Map<BucketKey, Map<String, Double>> result = new HashMap<>();
        for (List<BucketMetric> scan : definitions.byScan().values()) {
            String sql = scanSql(scan, since != null);
            try (PreparedStatement ps = source.prepareStatement(sql)) {
                if (since != null) {
                    ps.setObject(1, OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BucketKey key = new BucketKey(
                                rs.getString(1),
                                rs.getObject(2, OffsetDateTime.class).toInstant());
                        Map<String, Double> values = result.computeIfAbsent(key, k -> new HashMap<>());
                        for (int i = 0; i < scan.size(); i++) {
                            double v = rs.getDouble(3 + i);
                            if (!rs.wasNull()) {
                                values.put(scan.get(i).metric(), v);
                            }
                        }
                    }
                }
            }
        }
        return result;
    }

    static String scanSql(List<BucketMetric> scan, boolean windowed) {
        String time = scan.get(0).time();
        String minute = "date_trunc('minute', " + time + ")";
        String hour = "date_trunc('hour', " + time + ")";
        return "SELECT CASE WHEN GROUPING(" + minute + ") = 0 THEN 'MINUTE' ELSE 'HOUR' END, coalesce(" + minute
                + ", " + hour + "), "
                + scan.stream()
                        .map(m -> "(" + m.value() + ")::double precision")
                        .collect(Collectors.joining(", "))
                + " FROM " + scan.get(0).table() + " WHERE " + time + (windowed ? " >= ?" : " IS NOT NULL")
                + " GROUP BY GROUPING SETS ((" + minute + "), (" + hour + "))";
    }

    /** A single number from the source (a snapshot definition). */
    long count(String sql) throws SQLException {
        try (Statement s = source.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The event time of the newest change in the source, null when it is empty. */
    Instant newestChange() throws SQLException {
        return NewestTime.of(
                source,
                "SELECT greatest("
                        + "(SELECT max(updated_at) FROM bookings), (SELECT max(updated_at) FROM drivers), "
                        + "(SELECT max(recorded_at) FROM driver_location_events), (SELECT max(created_at) FROM payments), "
                        + "(SELECT max(created_at) FROM ratings))");
    }
}
