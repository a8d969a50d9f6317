package dev.rideops.job.cdc;

import dev.rideops.contract.CdcAvro;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes the change events Apicurio's Avro converter writes ({@code cdc.format: avro}; wire format in {@link
 * CdcAvro}) into the rows {@link DebeziumDecoder} makes of JSON ones, by the same rules: the same columns, nulls,
 * numerics as strings ({@code decimal.handling.mode=string}), timestamptz as ISO-8601 strings (Debezium's {@code
 * ZonedTimestamp} is a string in both formats), deletes by their before-image. The records are typed straight from
 * Avro, not through a JSON tree, so Avro is measured as Avro. AvroChangeDecoderTest runs one Debezium change through
 * Kafka's JSON converter and Apicurio's Avro converter and holds both decoders to the same event.
 */
public final class AvroChangeDecoder implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Debezium's signal table: signals and incremental-snapshot window marks, nothing to count. */
    private static final String SIGNALS = "debezium_signal";

    private final RegistrySchemas schemas;
    /** One reader per schema: building one resolves the schema, too slow to do per record. */
    private transient Map<Integer, GenericDatumReader<GenericRecord>> readers;

    private transient BinaryDecoder reused;

    public AvroChangeDecoder(RegistrySchemas schemas) {
        this.schemas = schemas;
    }

    /** Whether a record's value is in the converter's format (else it is JSON, e.g. from before a switch to Avro). */
    public static boolean isAvro(byte[] value) {
        return value != null && value.length > 0 && value[0] == CdcAvro.MAGIC;
    }

    /** The change event a value holds, read with the schema whose content id it carries. */
    public GenericRecord read(byte[] value) throws MalformedEventException {
        if (value.length < CdcAvro.HEADER_BYTES) {
            throw new MalformedEventException("Avro record of " + value.length + " bytes has no schema id");
        }
        int contentId = ByteBuffer.wrap(value, 1, Integer.BYTES).getInt();
        GenericDatumReader<GenericRecord> reader = reader(contentId);
        try {
            reused = DecoderFactory.get()
                    .binaryDecoder(value, CdcAvro.HEADER_BYTES, value.length - CdcAvro.HEADER_BYTES, reused);
            return reader.read(null, reused);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new MalformedEventException("not an Avro record of schema " + contentId + ": " + e.getMessage());
        }
    }

    private GenericDatumReader<GenericRecord> reader(int contentId) throws MalformedEventException {
        if (readers == null) {
            readers = new HashMap<>();
        }
        GenericDatumReader<GenericRecord> known = readers.get(contentId);
        if (known != null) {
            return known;
        }
        Schema schema = schemas.byContentId(contentId);
        if (schema.getType() != Schema.Type.RECORD) {
            throw new MalformedEventException("schema " + contentId + " is not a Debezium change event (a record)");
        }
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
        readers.put(contentId, reader);
        return reader;
    }

    /** The typed event of a change event {@link #read} returned; empty for tables no metric reads. */
    public Optional<SourceEvent> decode(String topic, GenericRecord envelope) throws MalformedEventException {
        String op = text(envelope, "op");
        if ("d".equals(op)) {
            return deleted(topic, envelope);
        }
        if (!"c".equals(op) && !"r".equals(op) && !"u".equals(op)) {
            throw new MalformedEventException("unknown op '" + (op == null ? "" : op) + "'");
        }
        GenericRecord after = record(envelope, "after");
        if (after == null) {
            throw new MalformedEventException("op '" + op + "' without an after-image");
        }
        String table = table(topic);
        GenericRecord source = record(envelope, "source");
        String snapshot = "r".equals(op) && source != null ? text(source, "snapshot") : "";
        byte change = ChangeKind.of(op, snapshot == null ? "" : snapshot);
        try {
            switch (table) {
                case "bookings":
                    BookingRow b = booking(after);
                    b.change = change;
                    return Optional.of(SourceEvent.of(b));
                case "drivers":
                    DriverRow d = driver(after);
                    d.change = change;
                    return Optional.of(SourceEvent.of(d));
                case "driver_location_events":
                    return Optional.of(SourceEvent.of(location(after)));
                case "payments":
                    PaymentRow p = payment(after);
                    p.change = change;
                    return Optional.of(SourceEvent.of(p));
                case "ratings":
                    RatingRow r = rating(after);
                    r.change = change;
                    return Optional.of(SourceEvent.of(r));
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

    /**
     * A delete, as {@link DebeziumDecoder} reads one: the before-image in full where the table logs every column, else
     * its key; timed by the source's commit.
     */
    private static Optional<SourceEvent> deleted(String topic, GenericRecord envelope) throws MalformedEventException {
        GenericRecord before = record(envelope, "before");
        if (before == null) {
            throw new MalformedEventException("op 'd' without a before-image");
        }
        String table = table(topic);
        try {
            SourceEvent e;
            switch (table) {
                case "bookings":
                    BookingRow b = value(before, "requested_at") != null ? booking(before) : new BookingRow();
                    b.bookingId = requiredLong(before, "booking_id");
                    b.change = ChangeKind.DELETE;
                    e = SourceEvent.of(b);
                    break;
                case "drivers":
                    DriverRow d = new DriverRow();
                    d.driverId = requiredLong(before, "driver_id");
                    d.status = text(before, "status");
                    d.change = ChangeKind.DELETE;
                    e = SourceEvent.of(d);
                    break;
                case "payments":
                    PaymentRow p = value(before, "created_at") != null ? payment(before) : new PaymentRow();
                    p.paymentId = requiredLong(before, "payment_id");
                    p.change = ChangeKind.DELETE;
                    e = SourceEvent.of(p);
                    break;
                case "ratings":
                    RatingRow r = value(before, "created_at") != null ? rating(before) : new RatingRow();
                    r.bookingId = requiredLong(before, "booking_id");
                    r.change = ChangeKind.DELETE;
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
            e.eventTime = committedAt(envelope);
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

    /** When the source committed the change, in epoch microseconds ({@code source.ts_us}, else the milliseconds). */
    private static long committedAt(GenericRecord envelope) {
        GenericRecord source = record(envelope, "source");
        Long micros = source == null ? null : optionalLong(source, "ts_us");
        if (micros != null) {
            return micros;
        }
        Long millis = source == null ? null : optionalLong(source, "ts_ms");
        if (millis == null) {
            millis = optionalLong(envelope, "ts_ms");
        }
        if (millis == null) {
            throw new IllegalArgumentException("no source.ts_ms to time it by");
        }
        return millis * 1000;
    }

    private static BookingRow booking(GenericRecord a) {
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
        b.promoCode = text(a, "promo_code");
        b.requestedAt = requiredTime(a, "requested_at");
        b.acceptedAt = optionalTime(a, "accepted_at");
        b.arrivedAt = optionalTime(a, "arrived_at");
        b.startedAt = optionalTime(a, "started_at");
        b.completedAt = optionalTime(a, "completed_at");
        b.cancelledAt = optionalTime(a, "cancelled_at");
        b.cancelledBy = text(a, "cancelled_by");
        b.updatedAt = requiredTime(a, "updated_at");
        return b;
    }

    private static DriverRow driver(GenericRecord a) {
        DriverRow d = new DriverRow();
        d.driverId = requiredLong(a, "driver_id");
        d.status = requiredText(a, "status");
        d.updatedAt = requiredTime(a, "updated_at");
        return d;
    }

    private static LocationRow location(GenericRecord a) {
        LocationRow l = new LocationRow();
        l.eventId = requiredLong(a, "event_id");
        l.driverId = requiredLong(a, "driver_id");
        l.lat = requiredNumber(a, "lat");
        l.lon = requiredNumber(a, "lon");
        l.speedKmh = requiredNumber(a, "speed_kmh");
        l.heading = requiredNumber(a, "heading");
        l.cell = text(a, "cell");
        l.driverStatus = text(a, "driver_status");
        l.recordedAt = requiredTime(a, "recorded_at");
        return l;
    }

    private static PaymentRow payment(GenericRecord a) {
        PaymentRow p = new PaymentRow();
        p.paymentId = requiredLong(a, "payment_id");
        p.bookingId = requiredLong(a, "booking_id");
        p.amount = requiredNumber(a, "amount");
        p.status = requiredText(a, "status");
        p.createdAt = requiredTime(a, "created_at");
        return p;
    }

    private static RatingRow rating(GenericRecord a) {
        RatingRow r = new RatingRow();
        r.bookingId = requiredLong(a, "booking_id");
        Long rider = optionalLong(a, "rider_rating");
        Long driver = optionalLong(a, "driver_rating");
        r.riderRating = rider == null ? null : rider.intValue();
        r.driverRating = driver == null ? null : driver.intValue();
        r.createdAt = requiredTime(a, "created_at");
        return r;
    }

    /** A field's value; null when it is null or the schema has no such field (as a missing JSON field). */
    private static Object value(GenericRecord r, String name) {
        Schema.Field field = r.getSchema().getField(name);
        return field == null ? null : r.get(field.pos());
    }

    private static GenericRecord record(GenericRecord r, String name) {
        return value(r, name) instanceof GenericRecord nested ? nested : null;
    }

    private static long requiredLong(GenericRecord r, String name) {
        return required(optionalLong(r, name), name);
    }

    /** Avro int (smallint, integer) and long (bigint); a whole number as text too, as JSON's decoder takes it. */
    private static Long optionalLong(GenericRecord r, String name) {
        Object v = value(r, name);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof CharSequence) {
            try {
                return Long.parseLong(v.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a whole number: " + v);
            }
        }
        throw new IllegalArgumentException(name + " is not a whole number: " + v);
    }

    private static double requiredNumber(GenericRecord r, String name) {
        return required(optionalNumber(r, name), name);
    }

    /** double precision as an Avro double; numeric as the string {@code decimal.handling.mode=string} makes it. */
    private static Double optionalNumber(GenericRecord r, String name) {
        Object v = value(r, name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + v);
        }
    }

    private static String requiredText(GenericRecord r, String name) {
        return required(text(r, name), name);
    }

    /** A string (Avro's Utf8), or an enum symbol should the converter map Debezium's enums to Avro enums. */
    private static String text(GenericRecord r, String name) {
        Object v = value(r, name);
        return v == null ? null : v.toString();
    }

    private static long requiredTime(GenericRecord r, String name) {
        return required(optionalTime(r, name), name);
    }

    /** timestamptz as Debezium's ZonedTimestamp writes it (ISO-8601 in UTC), as epoch microseconds. */
    private static Long optionalTime(GenericRecord r, String name) {
        String v = text(r, name);
        return v == null ? null : IsoTimestamps.micros(v);
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
