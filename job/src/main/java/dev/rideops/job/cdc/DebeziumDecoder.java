package dev.rideops.job.cdc;

import java.io.Serializable;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decodes Debezium's JSON change events (JSON converter, schemas off, {@code decimal.handling.mode=string},
 * timestamptz as ISO-8601 strings) into typed rows. Creates, snapshot reads and updates carry the after-image. A
 * delete carries the before-image (every column where the table has {@code REPLICA IDENTITY FULL}, else only the key)
 * marked {@link ChangeKind#DELETE}, stamped with the time the source committed it; the tombstone that follows it has
 * nothing to count and decodes to empty, as do deletes of tables no metric reads. Anything else is malformed, with a
 * reason. The event is read in one streaming pass ({@link ChangeEvent}), never as a tree; rows are typed from
 * {@link Columns}, whichever format carried them.
 */
public final class DebeziumDecoder implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Debezium's signal table: signals and incremental-snapshot window marks, nothing to count. */
    private static final String SIGNALS = "debezium_signal";

    public Optional<SourceEvent> decode(String topic, byte[] value) throws MalformedEventException {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        return decode(topic, ChangeEvent.read(value));
    }

    /** The same for a change event another format has read ({@link AvroChangeDecoder}): one set of rules for all. */
    Optional<SourceEvent> decode(String topic, ChangeEvent event) throws MalformedEventException {
        String op = event.op;
        switch (op) {
            case "d":
                return deleted(topic, event);
            case "c":
            case "r":
            case "u":
                break;
            default:
                throw new MalformedEventException("unknown op '" + op + "'");
        }
        Columns after = event.after;
        if (after == null) {
            throw new MalformedEventException("op '" + op + "' without an after-image");
        }
        Table table = Table.of(topic);
        byte change = ChangeKind.of(op, "r".equals(op) ? event.snapshot : "");
        try {
            SourceEvent e = switch (table) {
                case BOOKINGS -> SourceEvent.of(booking(after));
                case DRIVERS -> SourceEvent.of(driver(after));
                case LOCATIONS -> SourceEvent.of(location(after));
                case PAYMENTS -> SourceEvent.of(payment(after));
                case RATINGS -> SourceEvent.of(rating(after));
                case UNCOUNTED -> null;
            };
            return Optional.ofNullable(e).map(counted -> marked(counted, change));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException(table.name + ": " + e.getMessage());
        }
    }

    /** The tables of the topics the job reads, by what their changes count for. */
    private enum Table {
        BOOKINGS("bookings"),
        DRIVERS("drivers"),
        LOCATIONS("driver_location_events"),
        PAYMENTS("payments"),
        RATINGS("ratings"),
        /** Tables no metric reads, and Debezium's signals. */
        UNCOUNTED("");

        final String name;

        Table(String name) {
            this.name = name;
        }

        static Table of(String topic) throws MalformedEventException {
            String table = topic.substring(topic.lastIndexOf('.') + 1);
            return switch (table) {
                case "bookings" -> BOOKINGS;
                case "drivers" -> DRIVERS;
                case "driver_location_events" -> LOCATIONS;
                case "payments" -> PAYMENTS;
                case "ratings" -> RATINGS;
                case "riders", "cities", "vehicle_types", "promotions", SIGNALS -> UNCOUNTED;
                default -> throw new MalformedEventException("unknown table '" + table + "'");
            };
        }
    }

    /** Marks the row's change kind (a location ping is insert-only: it has none). */
    private static SourceEvent marked(SourceEvent e, byte change) {
        if (e.booking != null) {
            e.booking.change = change;
        } else if (e.driver != null) {
            e.driver.change = change;
        } else if (e.payment != null) {
            e.payment.change = change;
        } else if (e.rating != null) {
            e.rating.change = change;
        }
        return e;
    }

    /**
     * A delete: the before-image, typed in full when the table logs every column (so its contributions can be
     * retracted), else just its key (enough for the state the job keeps per key). Its event time is the source's
     * commit time: the row's own timestamps say when it was created or changed, not when it went.
     */
    private Optional<SourceEvent> deleted(String topic, ChangeEvent event) throws MalformedEventException {
        Columns before = event.before();
        if (before == null) {
            throw new MalformedEventException("op 'd' without a before-image");
        }
        Table table = Table.of(topic);
        try {
            SourceEvent e;
            switch (table) {
                case BOOKINGS:
                    BookingRow b = before.has("requested_at") ? booking(before) : new BookingRow();
                    b.bookingId = before.requiredLong("booking_id");
                    e = SourceEvent.of(b);
                    break;
                case DRIVERS:
                    DriverRow d = new DriverRow();
                    d.driverId = before.requiredLong("driver_id");
                    d.status = before.optionalText("status");
                    e = SourceEvent.of(d);
                    break;
                case PAYMENTS:
                    PaymentRow p = before.has("created_at") ? payment(before) : new PaymentRow();
                    p.paymentId = before.requiredLong("payment_id");
                    e = SourceEvent.of(p);
                    break;
                case RATINGS:
                    RatingRow r = before.has("created_at") ? rating(before) : new RatingRow();
                    r.bookingId = before.requiredLong("booking_id");
                    e = SourceEvent.of(r);
                    break;
                default:
                    // pings are insert-only facts: a deleted one takes nothing back
                    return Optional.empty();
            }
            marked(e, ChangeKind.DELETE);
            e.eventTime = committedAt(event);
            if (e.booking != null) {
                e.booking.updatedAt = e.eventTime;
            } else if (e.driver != null) {
                e.driver.updatedAt = e.eventTime;
            }
            return Optional.of(e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException(table.name + " delete: " + e.getMessage());
        }
    }

    /** When the source committed the change, in epoch microseconds ({@code source.ts_us}, else the milliseconds). */
    private static long committedAt(ChangeEvent event) {
        if (event.sourceTsUs != null) {
            return event.sourceTsUs;
        }
        if (event.sourceTsMs != null) {
            return event.sourceTsMs * 1000;
        }
        if (event.tsMs != null) {
            return event.tsMs * 1000;
        }
        throw new IllegalArgumentException("no source.ts_ms to time it by");
    }

    static BookingRow booking(Columns a) {
        BookingRow b = new BookingRow();
        b.bookingId = a.requiredLong("booking_id");
        b.riderId = a.requiredLong("rider_id");
        b.driverId = a.optionalLong("driver_id");
        b.status = a.requiredText("status");
        b.pickupCell = a.requiredText("pickup_cell");
        b.surgeMultiplier = a.requiredNumber("surge_multiplier");
        b.distanceKm = a.requiredNumber("distance_km");
        Long eta = a.optionalLong("eta_seconds");
        b.etaSeconds = eta == null ? null : eta.intValue();
        b.estimatedFare = a.requiredNumber("estimated_fare");
        b.fareAmount = a.optionalNumber("fare_amount");
        b.promoCode = a.optionalText("promo_code");
        b.requestedAt = a.requiredTime("requested_at");
        b.acceptedAt = a.optionalTime("accepted_at");
        b.arrivedAt = a.optionalTime("arrived_at");
        b.startedAt = a.optionalTime("started_at");
        b.completedAt = a.optionalTime("completed_at");
        b.cancelledAt = a.optionalTime("cancelled_at");
        b.cancelledBy = a.optionalText("cancelled_by");
        b.updatedAt = a.requiredTime("updated_at");
        return b;
    }

    static DriverRow driver(Columns a) {
        DriverRow d = new DriverRow();
        d.driverId = a.requiredLong("driver_id");
        d.status = a.requiredText("status");
        d.updatedAt = a.requiredTime("updated_at");
        return d;
    }

    static LocationRow location(Columns a) {
        LocationRow l = new LocationRow();
        l.eventId = a.requiredLong("event_id");
        l.driverId = a.requiredLong("driver_id");
        l.lat = a.requiredNumber("lat");
        l.lon = a.requiredNumber("lon");
        l.speedKmh = a.requiredNumber("speed_kmh");
        l.heading = a.requiredNumber("heading");
        l.cell = a.optionalText("cell");
        l.driverStatus = a.optionalText("driver_status");
        l.recordedAt = a.requiredTime("recorded_at");
        return l;
    }

    static PaymentRow payment(Columns a) {
        PaymentRow p = new PaymentRow();
        p.paymentId = a.requiredLong("payment_id");
        p.bookingId = a.requiredLong("booking_id");
        p.amount = a.requiredNumber("amount");
        p.status = a.requiredText("status");
        p.createdAt = a.requiredTime("created_at");
        return p;
    }

    static RatingRow rating(Columns a) {
        RatingRow r = new RatingRow();
        r.bookingId = a.requiredLong("booking_id");
        Long rider = a.optionalLong("rider_rating");
        Long driver = a.optionalLong("driver_rating");
        r.riderRating = rider == null ? null : rider.intValue();
        r.driverRating = driver == null ? null : driver.intValue();
        r.createdAt = a.requiredTime("created_at");
        return r;
    }
}
