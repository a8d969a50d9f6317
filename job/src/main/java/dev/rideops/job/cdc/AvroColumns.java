package dev.rideops.job.cdc;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** The columns of an Avro before- or after-image, read as {@link RowImage} reads JSON ones. */
final class AvroColumns implements Columns {

    private final GenericRecord record;

    AvroColumns(GenericRecord record) {
        this.record = record;
    }

    /** A field's value; null when it is null or the schema has no such field (as a missing JSON field). */
    static Object value(GenericRecord r, String name) {
        Schema.Field field = r.getSchema().getField(name);
        return field == null ? null : r.get(field.pos());
    }

    @Override
    public boolean has(String name) {
        return value(record, name) != null;
    }

    /** Avro int (smallint, integer) and long (bigint); a whole number as text too, as JSON's decoder takes it. */
    @Override
    public Long optionalLong(String name) {
        Object v = value(record, name);
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

    /** double precision as an Avro double; numeric as the string {@code decimal.handling.mode=string} makes it. */
    @Override
    public Double optionalNumber(String name) {
        Object v = value(record, name);
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

    /** A string (Avro's Utf8), or an enum symbol should the converter map Debezium's enums to Avro enums. */
    @Override
    public String optionalText(String name) {
        Object v = value(record, name);
        return v == null ? null : v.toString();
    }
}
