package dev.rideops.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The event time of a change the bench times, read from Debezium's JSON change event (schemas off, timestamptz as
 * ISO-8601, the job's format): a driver's {@code updated_at}, a ping's {@code recorded_at}, from the after-image.
 * The same instant the generator wrote, to the microsecond, so a change seen in Kafka is matched to its commit by
 * the rule the outputs' pollers use. Streamed, not read as a tree: the bench reads every ping.
 */
final class ChangeEventTime {

    private static final JsonFactory JSON = new JsonFactory();
    /** No change of interest: a tombstone, a delete, another format. */
    static final long NONE = Long.MIN_VALUE;

    private ChangeEventTime() {}

    /** The epoch microseconds of {@code column} in the event's after-image; {@link #NONE} when it has none. */
    static long micros(byte[] value, String column) {
        if (value == null || value.length == 0) {
            return NONE;
        }
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("after") && t == JsonToken.START_OBJECT) {
                    return column(p, column);
                }
                p.skipChildren();
            }
            return NONE;
        } catch (IOException | DateTimeParseException e) {
            return NONE;
        }
    }

    private static long column(JsonParser p, String column) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals(column)) {
                return t == JsonToken.VALUE_STRING ? micros(Instant.parse(p.getText())) : NONE;
            }
            p.skipChildren();
        }
        return NONE;
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
