package dev.rideops.job.cdc;

/**
 * The columns of one before- or after-image, whatever format carried them, typed on request with the reasons a dead
 * letter carries: one set of rules ({@link DebeziumDecoder}'s row mapping) reads JSON ({@link RowImage}) and Avro
 * ({@link AvroColumns}) alike. A column that is absent and one that is null read alike: not given.
 */
interface Columns {

    boolean has(String name);

    /** A whole number, or a whole number as text; null when not given. */
    Long optionalLong(String name);

    /** A number, or a number as text ({@code decimal.handling.mode=string}); null when not given. */
    Double optionalNumber(String name);

    /** The column as text; null when not given. */
    String optionalText(String name);

    default long requiredLong(String name) {
        return required(optionalLong(name), name);
    }

    default double requiredNumber(String name) {
        return required(optionalNumber(name), name);
    }

    default String requiredText(String name) {
        return required(optionalText(name), name);
    }

    default long requiredTime(String name) {
        return required(optionalTime(name), name);
    }

    /** timestamptz as Debezium writes it in both formats (ISO-8601 in UTC), as epoch microseconds. */
    default Long optionalTime(String name) {
        String text = optionalText(name);
        return text == null ? null : IsoTimestamps.micros(text);
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
