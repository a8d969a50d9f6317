package dev.rideops.clients.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The source database's logical replication slots and how much WAL each holds back: what the CDC connector has not
 * confirmed yet. Readable by a role with {@code pg_monitor} (the read-only role has it), for the exporter and bench.
 */
public final class ReplicationSlots {

    /**
     * One logical slot.
     *
     * @param lagBytes WAL written since the slot's consumer last confirmed a position (what CDC still has to ship)
     * @param retainedBytes WAL the server keeps on disk for the slot (from its restart position)
     */
    public record Slot(String name, boolean active, long lagBytes, long retainedBytes) {}

    private ReplicationSlots() {}

    /** Every logical slot, by name; a slot no consumer ever confirmed has 0 lag rather than none. */
    public static List<Slot> logical(Connection source) throws SQLException {
        List<Slot> slots = new ArrayList<>();
        try (PreparedStatement ps = source.prepareStatement("SELECT slot_name, active, "
                        + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::bigint, "
                        + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint "
                        + "FROM pg_replication_slots WHERE slot_type = 'logical' ORDER BY slot_name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                slots.add(new Slot(rs.getString(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return slots;
    }

    /** The named slot's lag in bytes, -1 when it does not exist or the database does not answer. */
    public static long lagBytes(Connection source, String slotName) {
        try {
            return logical(source).stream()
                    .filter(s -> s.name().equals(slotName))
                    .mapToLong(Slot::lagBytes)
                    .findFirst()
                    .orElse(-1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
