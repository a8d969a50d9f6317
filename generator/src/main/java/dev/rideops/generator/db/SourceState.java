package dev.rideops.generator.db;

import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.BookingStatus;
import dev.rideops.generator.model.CancelledBy;
import dev.rideops.generator.model.DriverStatus;
import dev.rideops.generator.model.VehicleType;
import dev.rideops.generator.sim.CitySimulator.AdoptedDriver;
import dev.rideops.generator.sim.Ids;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the source already holds, read at start so a new run continues the city instead of clashing with it. */
public record SourceState(
        Map<Long, String> riders,
        List<AdoptedDriver> drivers,
        List<BookingRow> openBookings,
        Ids ids,
        Instant latestEventAt) {

    public static SourceState read(Connection c) throws SQLException {
        Map<Long, String> riders = new LinkedHashMap<>();
        List<AdoptedDriver> drivers = new ArrayList<>();
        List<BookingRow> open = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rider_id, city FROM riders ORDER BY rider_id")) {
                while (rs.next()) {
                    riders.put(rs.getLong(1), rs.getString(2));
                }
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT driver_id, city, vehicle_type, status FROM drivers ORDER BY driver_id")) {
                while (rs.next()) {
                    drivers.add(new AdoptedDriver(
                            rs.getLong(1),
                            rs.getString(2),
                            VehicleType.valueOf(rs.getString(3)),
                            DriverStatus.valueOf(rs.getString(4))));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM bookings WHERE status IN "
                    + "('REQUESTED', 'ACCEPTED', 'ARRIVED', 'IN_PROGRESS') ORDER BY booking_id")) {
                while (rs.next()) {
                    open.add(booking(rs));
                }
            }
            Ids ids;
            try (ResultSet rs = s.executeQuery("SELECT (SELECT coalesce(max(rider_id), 0) FROM riders), "
                    + highest("driver_id", "drivers") + ", "
                    + highest("booking_id", "bookings") + ", "
                    + "(SELECT coalesce(max(event_id), 0) FROM driver_location_events), "
                    + "(SELECT coalesce(max(payment_id), 0) FROM payments)")) {
                rs.next();
                ids = new Ids(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
            Instant latest;
            try (ResultSet rs = s.executeQuery(
                    "SELECT greatest((SELECT max(updated_at) FROM bookings), "
                            + "(SELECT max(updated_at) FROM drivers), (SELECT max(recorded_at) FROM driver_location_events))")) {
                rs.next();
                latest = rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
            }
            return new SourceState(riders, drivers, open, ids, latest);
        }
    }

    /** The highest id the table holds or ever held: a deleted row's id is never handed out again. */
    private static String highest(String id, String table) {
        return "greatest((SELECT coalesce(max(" + id + "), 0) FROM " + table + "), "
                + "(SELECT coalesce(max(high_id), 0) FROM deleted_id_high WHERE table_name = '" + table + "'))";
    }

    private static BookingRow booking(ResultSet rs) throws SQLException {
        long driver = rs.getLong("driver_id");
        Long driverId = rs.wasNull() ? null : driver;
        int eta = rs.getInt("eta_seconds");
        Integer etaSeconds = rs.wasNull() ? null : eta;
        String cancelledBy = rs.getString("cancelled_by");
        return new BookingRow(
                rs.getLong("booking_id"),
                rs.getLong("rider_id"),
                driverId,
                rs.getString("city"),
                VehicleType.valueOf(rs.getString("vehicle_type")),
                BookingStatus.valueOf(rs.getString("status")),
                rs.getDouble("pickup_lat"),
                rs.getDouble("pickup_lon"),
                rs.getString("pickup_cell"),
                rs.getDouble("dropoff_lat"),
                rs.getDouble("dropoff_lon"),
                rs.getString("dropoff_cell"),
                rs.getBigDecimal("distance_km"),
                etaSeconds,
                rs.getBigDecimal("estimated_fare"),
                rs.getBigDecimal("fare_amount"),
                rs.getBigDecimal("surge_multiplier"),
                rs.getString("promo_code"),
                instant(rs, "requested_at"),
                instant(rs, "accepted_at"),
                instant(rs, "arrived_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                instant(rs, "cancelled_at"),
                cancelledBy == null ? null : CancelledBy.valueOf(cancelledBy),
                rs.getString("cancel_reason"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
