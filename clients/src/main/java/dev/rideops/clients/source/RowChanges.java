package dev.rideops.clients.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many rows the source database has inserted, updated and deleted per table, from its own cumulative statistics
 * ({@code pg_stat_user_tables}): a catalog read, however large the tables, where a newest change by time needs the
 * tables' timestamp columns, which have no index. Readable by any role.
 *
 * <p>Counters, not times: a table's starts again from 0 when the statistics are reset ({@code pg_stat_reset}, or
 * {@code pg_stat_reset_single_table_counters} for one table), after a crash restart, and when the table is dropped and
 * created again. They trail the writes a little: a backend publishes its counts after its transaction commits, at
 * most once a second while busy, and one that goes idle within that second publishes by its idle timeout (10 s since
 * PostgreSQL 15; the stack runs 17).
 */
public final class RowChanges {

    private RowChanges() {}

    /**
     * Inserted, updated and deleted rows per table, by the schema-qualified names asked for ({@code public.bookings});
     * a table that does not exist is left out.
     */
    public static Map<String, Long> of(Connection source, List<String> qualifiedTables) throws SQLException {
        Map<String, Long> changes = new LinkedHashMap<>();
        try (PreparedStatement ps = source.prepareStatement("SELECT schemaname || '.' || relname, "
                + "n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables "
                + "WHERE schemaname || '.' || relname = ANY (?) ORDER BY 1")) {
            ps.setArray(1, source.createArrayOf("text", qualifiedTables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return changes;
    }
}
