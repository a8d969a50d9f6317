package dev.rideops.generator.model;

import java.math.BigDecimal;
import java.time.Instant;

/** One source row change the simulation produced: exactly one inserted, updated or deleted row. */
public sealed interface Change {

    /** The source table the change touches. */
    default String table() {
        return kind().table();
    }

    /** The kind of statement; kinds are written in this order within a transaction. */
    Kind kind();

    enum Kind {
        RIDER_INSERT("riders"),
        DRIVER_INSERT("drivers"),
        DRIVER_STATUS_UPDATE("drivers"),
        BOOKING_INSERT("bookings"),
        BOOKING_UPDATE("bookings"),
        LOCATION_EVENT("driver_location_events"),
        PAYMENT_INSERT("payments"),
        RATING_INSERT("ratings"),
        PAYMENT_REFUND("payments"),
        RATING_EDIT("ratings"),
        BOOKING_DELETE("bookings"),
        DRIVER_DELETE("drivers");

        private final String table;

        Kind(String table) {
            this.table = table;
        }

        /** The source table a change of this kind touches. */
        public String table() {
            return table;
        }
    }

    record RiderInsert(long riderId, String name, String email, String phone, String city, Instant createdAt)
            implements Change {
        @Override
        public Kind kind() {
            return Kind.RIDER_INSERT;
        }
    }

    record DriverInsert(
            long driverId,
            String name,
            String phone,
            String city,
            VehicleType vehicleType,
            String licensePlate,
            DriverStatus status,
            Instant createdAt)
            implements Change {
        @Override
        public Kind kind() {
            return Kind.DRIVER_INSERT;
        }
    }

    record DriverStatusUpdate(long driverId, DriverStatus status, Instant updatedAt) implements Change {
        @Override
        public Kind kind() {
            return Kind.DRIVER_STATUS_UPDATE;
        }
    }

    record BookingInsert(BookingRow row) implements Change {
        @Override
        public Kind kind() {
            return Kind.BOOKING_INSERT;
        }
    }

    /** Applies only if the stored booking is still in {@code from}: a replayed update changes nothing. */
    record BookingUpdate(BookingRow row, BookingStatus from) implements Change {
        @Override
        public Kind kind() {
            return Kind.BOOKING_UPDATE;
        }
    }

    /** A ping, with the grid cell it was sent from and the driver's status at that moment. */
    record LocationEvent(
            long eventId,
            long driverId,
            double lat,
            double lon,
            double speedKmh,
            double heading,
            String cell,
            DriverStatus driverStatus,
            Instant recordedAt)
            implements Change {
        @Override
        public Kind kind() {
            return Kind.LOCATION_EVENT;
        }
    }

    record PaymentInsert(
            long paymentId, long bookingId, BigDecimal amount, String method, String status, Instant createdAt)
            implements Change {
        @Override
        public Kind kind() {
            return Kind.PAYMENT_INSERT;
        }
    }

    record RatingInsert(long bookingId, Integer riderRating, Integer driverRating, Instant createdAt)
            implements Change {
        @Override
        public Kind kind() {
            return Kind.RATING_INSERT;
        }
    }

    /** A paid payment refunded (only if it is still PAID). */
    record PaymentRefund(long paymentId) implements Change {
        @Override
        public Kind kind() {
            return Kind.PAYMENT_REFUND;
        }
    }

    /** A rating's stars changed after it was given. */
    record RatingEdit(long bookingId, Integer riderRating, Integer driverRating) implements Change {
        @Override
        public Kind kind() {
            return Kind.RATING_EDIT;
        }
    }

    /** A request withdrawn before any driver took it: the row goes (only while it is still REQUESTED). */
    record BookingDelete(long bookingId) implements Change {
        @Override
        public Kind kind() {
            return Kind.BOOKING_DELETE;
        }
    }

    /** A driver's account deleted (only if no booking names the driver). */
    record DriverDelete(long driverId) implements Change {
        @Override
        public Kind kind() {
            return Kind.DRIVER_DELETE;
        }
    }
}
