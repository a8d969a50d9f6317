package dev.rideops.clients.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only queries on the mart, for dashboards: each runs in a read-only transaction with a statement timeout, so a
 * panel can neither change the mart nor hold the database for long. Timestamps come back as {@link
 * java.time.Instant}, numbers as {@link Number}, the rest as text.
 */
public final class MartQueries {

    /** A refresh that takes longer than this is a query to fix, not one to wait for. */
    private static final int TIMEOUT_SECONDS = 10;

    private final MartConnection mart;

    public MartQueries(String url, String user, String password) {
        this.mart = new MartConnection(url, user, password);
    }

    public String url() {
        return mart.url();
    }

    /** The columns of a result and its rows, in order. */
    public record Rows(List<String> columns, List<List<Object>> rows) {}

    /** Runs one SELECT with its parameters bound in order ({@code ?}). */
    public Rows select(String sql, List<Object> parameters) {
        try (Connection c = mart.open()) {
            c.setReadOnly(true);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setQueryTimeout(TIMEOUT_SECONDS);
                for (int i = 0; i < parameters.size(); i++) {
                    s.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            row.add(value(rs.getObject(i)));
                        }
                        rows.add(row);
                    }
                    return new Rows(List.copyOf(columns), rows);
                }
            }
        } catch (SQLException e) {
            throw mart.failed(e, "that 'rideops deploy' applied the reporting schema");
        }
    }

    private static Object value(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return v.toString();
    }
}
