package dev.rideops.job.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decodes Debezium's JSON change events (JSON converter, schemas off, {@code decimal.handling.mode=string},
 * timestamptz as ISO-8601 strings) into typed rows. Creates, snapshot reads and updates carry the after-image. A
 * delete carries the before-image (every column where the table has {@code REPLICA IDENTITY FULL}, else only the key)
 * marked {@link ChangeKind#DELETE}, stamped with the time the source committed it; the tombstone that follows it has
 * nothing to count and decodes to empty, as do deletes of tables no metric reads. Anything else is malformed, with a
 * reason.
 */
public final class DebeziumDecoder implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debezium's signal table: signals and incremental-snapshot window marks, nothing to count. */
    private static final String SIGNALS = "debezium_signal";

    public Optional<SourceEvent> decode(String topic, byte[] value) throws MalformedEventException {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("not a Debezium change event (expected a JSON object)");
        }
        JsonNode payload = root.has("payload") && root.has("schema") ? root.get("payload") : root;
        String op = payload.path("op").asText("");
        switch (op) {
            case "d":
                return deleted(topic, payload);
            case "c":
            case "r":
            case "u":
                break;
            default:
                throw new MalformedEventException("unknown op '" + op + "'");
        }
        JsonNode after = payload.get("after");
        if (after == null || !after.isObject()) {
            throw new MalformedEventException("op '" + op + "' without an after-image");
        }
        String table = table(topic);
        byte change = ChangeKind.of(
                op, "r".equals(op) ? payload.path("source").path("snapshot").asText("") : "");
        try {
            switch (table) {
                case "bookings":
                    return Optional.of(marked(SourceEvent.of(booking(after)), change));
                case "drivers":
                    return Optional.of(marked(SourceEvent.of(driver(after)), change));
                case "driver_location_events":
                    return Optional.of(SourceEvent.of(location(after)));
                case "payments":
                    return Optional.of(marked(SourceEvent.of(payment(after)), change));
                case "ratings":
                    return Optional.of(marked(SourceEvent.of(rating(after)), change));
                case "riders":
                case "cities":
                case "vehicle_types":
                case "promotions":
                case SIGNALS:
                    return Optional.empty();
                default:
                    throw new MalformedEventException("unknown table '" + table + "'");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException(table + ": " + e.getMessage());
        }
    }

    private static String table(String topic) {
        return topic.substring(topic.lastIndexOf('.') + 1);
    }

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
    private Optional<SourceEvent> deleted(String topic, JsonNode payload) throws MalformedEventException {
        JsonNode before = payload.get("before");
        if (before == null || !before.isObject()) {
            throw new MalformedEventException("op 'd' without a before-image");
        }
        String table = table(topic);
        try {
            SourceEvent e;
            switch (table) {
                case "bookings":
                    BookingRow b = full(before, "requested_at") ? booking(before) : new BookingRow();
                    b.bookingId = requiredLong(before, "booking_id");
                    e = SourceEvent.of(b);
                    break;
                case "drivers":
                    DriverRow d = new DriverRow();
                    d.driverId = requiredLong(before, "driver_id");
                    d.status = optionalText(before, "status");
                    e = SourceEvent.of(d);
                    break;
                case "payments":
                    PaymentRow p = full(before, "created_at") ? payment(before) : new PaymentRow();
                    p.paymentId = requiredLong(before, "payment_id");
                    e = SourceEvent.of(p);
                    break;
                case "ratings":
                    RatingRow r = full(before, "created_at") ? rating(before) : new RatingRow();
                    r.bookingId = requiredLong(before, "booking_id");
                    e = SourceEvent.of(r);
                    break;
                case "driver_location_events":
                case "riders":
                case "cities":
                case "vehicle_types":
                case "promotions":
                case SIGNALS:
                    return Optional.empty();
                default:
                    throw new MalformedEventException("unknown table '" + table + "'");
            }
            marked(e, ChangeKind.DELETE);
            e.eventTime = committedAt(payload);
            if (e.booking != null) {
                e.booking.updatedAt = e.eventTime;
            } else if (e.driver != null) {
                e.driver.updatedAt = e.eventTime;
            }
            return Optional.of(e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException(table + " delete: " + e.getMessage());
        }
    }

    /** Whether a before-image has every column (REPLICA IDENTITY FULL), told by a NOT NULL column besides the key. */
    private static boolean full(JsonNode before, String notNullColumn) {
        return field(before, notNullColumn) != null;
    }

    /** When the source committed the change, in epoch microseconds ({@code source.ts_us}, else the milliseconds). */
    private static long committedAt(JsonNode payload) {
        JsonNode source = payload.path("source");
        if (source.hasNonNull("ts_us")) {
            return source.get("ts_us").asLong();
        }
        if (source.hasNonNull("ts_ms")) {
            return source.get("ts_ms").asLong() * 1000;
        }
        if (payload.hasNonNull("ts_ms")) {
            return payload.get("ts_ms").asLong() * 1000;
        }
        throw new IllegalArgumentException("no source.ts_ms to time it by");
    }

    static BookingRow booking(JsonNode a) {
        BookingRow b = new BookingRow();
        b.bookingId = requiredLong(a, "booking_id");
        b.riderId = requiredLong(a, "rider_id");
        b.driverId = optionalLong(a, "driver_id");
        b.status = requiredText(a, "status");
        b.pickupCell = requiredText(a, "pickup_cell");
        b.surgeMultiplier = requiredNumber(a, "surge_multiplier");
        b.distanceKm = requiredNumber(a, "distance_km");
        Long eta = optionalLong(a, "eta_seconds");
        b.etaSeconds = eta == null ? null : eta.intValue();
        b.estimatedFare = requiredNumber(a, "estimated_fare");
        b.fareAmount = optionalNumber(a, "fare_amount");
        b.promoCode = optionalText(a, "promo_code");
        b.requestedAt = requiredTime(a, "requested_at");
        b.acceptedAt = optionalTime(a, "accepted_at");
        b.arrivedAt = optionalTime(a, "arrived_at");
        b.startedAt = optionalTime(a, "started_at");
        b.completedAt = optionalTime(a, "completed_at");
        b.cancelledAt = optionalTime(a, "cancelled_at");
        b.cancelledBy = optionalText(a, "cancelled_by");
        b.updatedAt = requiredTime(a, "updated_at");
        return b;
    }

    static DriverRow driver(JsonNode a) {
        DriverRow d = new DriverRow();
        d.driverId = requiredLong(a, "driver_id");
        d.status = requiredText(a, "status");
        d.updatedAt = requiredTime(a, "updated_at");
        return d;
    }

    static LocationRow location(JsonNode a) {
        LocationRow l = new LocationRow();
        l.eventId = requiredLong(a, "event_id");
        l.driverId = requiredLong(a, "driver_id");
        l.lat = requiredNumber(a, "lat");
        l.lon = requiredNumber(a, "lon");
        l.speedKmh = requiredNumber(a, "speed_kmh");
        l.heading = requiredNumber(a, "heading");
        l.cell = optionalText(a, "cell");
        l.driverStatus = optionalText(a, "driver_status");
        l.recordedAt = requiredTime(a, "recorded_at");
        return l;
    }

    static PaymentRow payment(JsonNode a) {
        PaymentRow p = new PaymentRow();
        p.paymentId = requiredLong(a, "payment_id");
        p.bookingId = requiredLong(a, "booking_id");
        p.amount = requiredNumber(a, "amount");
        p.status = requiredText(a, "status");
        p.createdAt = requiredTime(a, "created_at");
        return p;
    }

    static RatingRow rating(JsonNode a) {
        RatingRow r = new RatingRow();
        r.bookingId = requiredLong(a, "booking_id");
        Long rider = optionalLong(a, "rider_rating");
        Long driver = optionalLong(a, "driver_rating");
        r.riderRating = rider == null ? null : rider.intValue();
        r.driverRating = driver == null ? null : driver.intValue();
        r.createdAt = requiredTime(a, "created_at");
        return r;
    }

    private static JsonNode field(JsonNode a, String name) {
        JsonNode n = a.get(name);
        return n == null || n.isNull() ? null : n;
    }

    private static long requiredLong(JsonNode a, String name) {
        Long v = optionalLong(a, name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static Long optionalLong(JsonNode a, String name) {
        JsonNode n = field(a, name);
        if (n == null) {
            return null;
        }
        if (n.canConvertToLong() && n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a whole number: " + n.asText());
            }
        }
        throw new IllegalArgumentException(name + " is not a whole number: " + n);
    }

    private static double requiredNumber(JsonNode a, String name) {
        Double v = optionalNumber(a, name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static Double optionalNumber(JsonNode a, String name) {
        JsonNode n = field(a, name);
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + n.asText());
        }
    }

    private static String requiredText(JsonNode a, String name) {
        String v = optionalText(a, name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static String optionalText(JsonNode a, String name) {
        JsonNode n = field(a, name);
        return n == null ? null : n.asText();
    }

    private static long requiredTime(JsonNode a, String name) {
        Long v = optionalTime(a, name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    /** timestamptz as Debezium writes it (ISO-8601 in UTC), as epoch microseconds. */
    private static Long optionalTime(JsonNode a, String name) {
        JsonNode n = field(a, name);
        if (n == null) {
            return null;
        }
        return IsoTimestamps.micros(n.asText());
    }
}
