package dev.rideops.clients.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How recent the mart's rows are and what its newest MINUTE buckets say: what the pipeline exporter reports. Each
 * query reads a handful of rows through a primary key or the metric index, cheap enough for every scrape.
 */
public final class MartActivity {

    /** A MINUTE bucket's value of one metric. */
    public record MinuteValue(Instant bucketStart, String metric, double value) {}

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** The mart's tables of results, as {@link #newestResults()} names them. */
    public static final List<String> TABLES =
            List.of("latest_metric_snapshot", "fact_metric_bucket", "cell_supply_demand");

    private final MartConnection mart;

    public MartActivity(String url, String user, String password) {
        this.mart = new MartConnection(url, user, password);
    }

    /**
     * Per table, the event time up to which it holds results: the newest change the snapshot reflects, and the end
     * of the newest MINUTE bucket of the fact and heatmap tables. A table without rows is left out.
     */
    public Map<String, Instant> newestResults() {
        Map<String, Instant> newest = new LinkedHashMap<>();
        try (Connection c = mart.open()) {
            put(newest, TABLES.get(0), one(c, "SELECT max(last_updated) FROM mart.latest_metric_snapshot"));
            Instant bucket = newestMinuteBucket(c);
            put(newest, TABLES.get(1), bucket == null ? null : bucket.plus(MINUTE));
            Instant cell = one(c, "SELECT max(bucket_start) FROM mart.cell_supply_demand");
            put(newest, TABLES.get(2), cell == null ? null : cell.plus(MINUTE));
            return newest;
        } catch (SQLException e) {
            throw mart.failed(e);
        }
    }

    /** The MINUTE values of {@code metrics} in buckets starting in [from, to). */
    public List<MinuteValue> minuteValues(List<String> metrics, Instant from, Instant to) {
        List<MinuteValue> values = new ArrayList<>();
        try (Connection c = mart.open();
                PreparedStatement ps = c.prepareStatement("SELECT bucket_start, metric_name, metric_value "
                        + "FROM mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE' "
                        + "AND metric_name = ANY (?) AND bucket_start >= ? AND bucket_start < ?")) {
            ps.setArray(1, c.createArrayOf("text", metrics.toArray()));
            ps.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(new MinuteValue(
                            rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getDouble(3)));
                }
            }
            return values;
        } catch (SQLException e) {
            throw mart.failed(e);
        }
    }

    private static Instant newestMinuteBucket(Connection c) throws SQLException {
        return one(c, "SELECT max(bucket_start) FROM mart.fact_metric_bucket WHERE bucket_granularity = 'MINUTE'");
    }

    private static void put(Map<String, Instant> map, String table, Instant value) {
        if (value != null) {
            map.put(table, value);
        }
    }

    private static Instant one(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
    }
}
