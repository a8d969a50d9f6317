package dev.rideops.generator.db;

import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.Change;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The statement that writes each kind of change, and how a change fills in its parameters. The statements are
 * idempotent, which is what lets {@link SourceWriter} simply write a batch again after a lost connection.
 */
final class ChangeSql {

    private ChangeSql() {}

    static String of(Change.Kind kind) {
        return switch (kind) {
            case RIDER_INSERT ->
                "INSERT INTO riders (rider_id, name, email, phone, city, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
            case DRIVER_INSERT ->
                "INSERT INTO drivers (driver_id, name, phone, city, vehicle_type, license_plate, "
                        + "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
            case DRIVER_STATUS_UPDATE -> "UPDATE drivers SET status = ?, updated_at = ? WHERE driver_id = ?";
            case BOOKING_INSERT ->
                "INSERT INTO bookings (booking_id, rider_id, driver_id, city, vehicle_type, "
                        + "status, pickup_lat, pickup_lon, pickup_cell, dropoff_lat, dropoff_lon, dropoff_cell, "
                        + "distance_km, eta_seconds, estimated_fare, fare_amount, surge_multiplier, promo_code, "
                        + "requested_at, accepted_at, arrived_at, started_at, completed_at, cancelled_at, cancelled_by, "
                        + "cancel_reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
            case BOOKING_UPDATE ->
                "UPDATE bookings SET status = ?, driver_id = ?, eta_seconds = ?, fare_amount = ?, "
                        + "accepted_at = ?, arrived_at = ?, started_at = ?, completed_at = ?, cancelled_at = ?, "
                        + "cancelled_by = ?, cancel_reason = ?, updated_at = ? WHERE booking_id = ? AND status = ?";
            case LOCATION_EVENT ->
                "INSERT INTO driver_location_events (event_id, driver_id, lat, lon, speed_kmh, "
                        + "heading, cell, driver_status, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING";
            case PAYMENT_INSERT ->
                "INSERT INTO payments (payment_id, booking_id, amount, method, status, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
            case RATING_INSERT ->
                "INSERT INTO ratings (booking_id, rider_rating, driver_rating, created_at) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
            case PAYMENT_REFUND -> "UPDATE payments SET status = 'REFUNDED' WHERE payment_id = ? AND status = 'PAID'";
            case RATING_EDIT -> "UPDATE ratings SET rider_rating = ?, driver_rating = ? WHERE booking_id = ?";
            case BOOKING_DELETE ->
                markingTheId(
                        "bookings",
                        "DELETE FROM bookings WHERE booking_id = ? AND status = 'REQUESTED' " + "RETURNING booking_id");
            case DRIVER_DELETE ->
                markingTheId(
                        "drivers",
                        "DELETE FROM drivers WHERE driver_id = ? "
                                + "AND NOT EXISTS (SELECT 1 FROM bookings WHERE driver_id = ?) RETURNING driver_id");
        };
    }

    /**
     * A delete that also raises its table's mark in {@code deleted_id_high} (source migration V6), in one statement
     * so a batch can hold it: the next run's ids start above every id ever deleted, never on a gone row's id.
     */
    private static String markingTheId(String table, String deleteReturningId) {
        return "WITH gone (id) AS (" + deleteReturningId + ") "
                + "INSERT INTO deleted_id_high (table_name, high_id) SELECT '" + table + "', id FROM gone "
                + "ON CONFLICT (table_name) DO UPDATE SET high_id = greatest(deleted_id_high.high_id, EXCLUDED.high_id)";
    }

    /** Sets the parameters of the statement {@link #of} gave for the change's kind. */
    static void bind(PreparedStatement ps, Change change) throws SQLException {
        if (change instanceof Change.RiderInsert r) {
            ps.setLong(1, r.riderId());
            ps.setString(2, r.name());
            ps.setString(3, r.email());
            ps.setString(4, r.phone());
            ps.setString(5, r.city());
            ps.setObject(6, time(r.createdAt()));
        } else if (change instanceof Change.DriverInsert d) {
            ps.setLong(1, d.driverId());
            ps.setString(2, d.name());
            ps.setString(3, d.phone());
            ps.setString(4, d.city());
            ps.setString(5, d.vehicleType().name());
            ps.setString(6, d.licensePlate());
            ps.setString(7, d.status().name());
            ps.setObject(8, time(d.createdAt()));
            ps.setObject(9, time(d.createdAt()));
        } else if (change instanceof Change.DriverStatusUpdate d) {
            ps.setString(1, d.status().name());
            ps.setObject(2, time(d.updatedAt()));
            ps.setLong(3, d.driverId());
        } else if (change instanceof Change.BookingInsert b) {
            bindBookingInsert(ps, b.row());
        } else if (change instanceof Change.BookingUpdate u) {
            bindBookingUpdate(ps, u);
        } else if (change instanceof Change.LocationEvent l) {
            ps.setLong(1, l.eventId());
            ps.setLong(2, l.driverId());
            ps.setDouble(3, l.lat());
            ps.setDouble(4, l.lon());
            ps.setDouble(5, l.speedKmh());
            ps.setDouble(6, l.heading());
            ps.setString(7, l.cell());
            ps.setString(8, l.driverStatus().name());
            ps.setObject(9, time(l.recordedAt()));
        } else if (change instanceof Change.PaymentInsert p) {
            ps.setLong(1, p.paymentId());
            ps.setLong(2, p.bookingId());
            ps.setBigDecimal(3, p.amount());
            ps.setString(4, p.method());
            ps.setString(5, p.status());
            ps.setObject(6, time(p.createdAt()));
        } else if (change instanceof Change.RatingInsert r) {
            ps.setLong(1, r.bookingId());
            setInt(ps, 2, r.riderRating());
            setInt(ps, 3, r.driverRating());
            ps.setObject(4, time(r.createdAt()));
        } else if (change instanceof Change.PaymentRefund p) {
            ps.setLong(1, p.paymentId());
        } else if (change instanceof Change.RatingEdit r) {
            setInt(ps, 1, r.riderRating());
            setInt(ps, 2, r.driverRating());
            ps.setLong(3, r.bookingId());
        } else if (change instanceof Change.BookingDelete b) {
            ps.setLong(1, b.bookingId());
        } else if (change instanceof Change.DriverDelete d) {
            ps.setLong(1, d.driverId());
            ps.setLong(2, d.driverId());
        } else {
            throw new IllegalArgumentException("unknown change " + change);
        }
    }

    private static void bindBookingUpdate(PreparedStatement ps, Change.BookingUpdate u) throws SQLException {
        BookingRow b = u.row();
        ps.setString(1, b.status().name());
        setLong(ps, 2, b.driverId());
        setInt(ps, 3, b.etaSeconds());
        ps.setBigDecimal(4, b.fareAmount());
        ps.setObject(5, time(b.acceptedAt()));
        ps.setObject(6, time(b.arrivedAt()));
        ps.setObject(7, time(b.startedAt()));
        ps.setObject(8, time(b.completedAt()));
        ps.setObject(9, time(b.cancelledAt()));
        ps.setString(10, b.cancelledBy() == null ? null : b.cancelledBy().name());
        ps.setString(11, b.cancelReason());
        ps.setObject(12, time(b.updatedAt()));
        ps.setLong(13, b.bookingId());
        ps.setString(14, u.from().name());
    }

    private static void bindBookingInsert(PreparedStatement ps, BookingRow b) throws SQLException {
        ps.setLong(1, b.bookingId());
        ps.setLong(2, b.riderId());
        setLong(ps, 3, b.driverId());
        ps.setString(4, b.city());
        ps.setString(5, b.vehicleType().name());
        ps.setString(6, b.status().name());
        ps.setDouble(7, b.pickupLat());
        ps.setDouble(8, b.pickupLon());
        ps.setString(9, b.pickupCell());
        ps.setDouble(10, b.dropoffLat());
        ps.setDouble(11, b.dropoffLon());
        ps.setString(12, b.dropoffCell());
        ps.setBigDecimal(13, b.distanceKm());
        setInt(ps, 14, b.etaSeconds());
        ps.setBigDecimal(15, b.estimatedFare());
        ps.setBigDecimal(16, b.fareAmount());
        ps.setBigDecimal(17, b.surgeMultiplier());
        ps.setString(18, b.promoCode());
        ps.setObject(19, time(b.requestedAt()));
        ps.setObject(20, time(b.acceptedAt()));
        ps.setObject(21, time(b.arrivedAt()));
        ps.setObject(22, time(b.startedAt()));
        ps.setObject(23, time(b.completedAt()));
        ps.setObject(24, time(b.cancelledAt()));
        ps.setString(25, b.cancelledBy() == null ? null : b.cancelledBy().name());
        ps.setString(26, b.cancelReason());
        ps.setObject(27, time(b.updatedAt()));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
