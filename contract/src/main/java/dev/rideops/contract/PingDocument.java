package dev.rideops.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A ping's search document as the job's sink writes it (and puts it in a dead letter's payload), with the three
 * values its bulk request is addressed by: {@code event_id} (its {@code _id} in the day's index), {@code driver_id}
 * (its {@code _id} in {@code driver_locations}) and its event time in microseconds (the day, and the
 * {@code external_gte} version). The JSON is kept as it is, so a replay indexes exactly what the sink would have.
 */
public record PingDocument(long eventId, long driverId, long recordedAtMicros, String json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a document; an IOException names what is missing. */
    public static PingDocument parse(String json) throws IOException {
        JsonNode doc = JSON.readTree(json == null ? "" : json);
        if (doc == null
                || !doc.path("event_id").canConvertToLong()
                || !doc.path("driver_id").canConvertToLong()) {
            throw new IOException("not a ping's search document: event_id and driver_id are missing");
        }
        try {
            Instant at = Instant.parse(doc.path("updated_at").asText());
            return new PingDocument(
                    doc.get("event_id").asLong(),
                    doc.get("driver_id").asLong(),
                    Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000),
                    json);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IOException("not a ping's search document: updated_at is not an instant", e);
        }
    }
}
