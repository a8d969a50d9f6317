package dev.rideops.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One record of the dead-letter topic as its readers see it: the JSON object {@code {"topic", "reason", "payload"}}
 * the job writes (docs/CONTRACT.md). Fields a later job adds are ignored, and a missing one is null, so readers take
 * records of every version the topic may still hold.
 *
 * @param payload the CDC record's bytes as text, or a ping's search document as the sink would have indexed it
 */
public record DeadLetterRecord(String topic, String reason, String payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The record's value; an IOException when it is not such a JSON object. */
    public static DeadLetterRecord parse(byte[] value) throws IOException {
        JsonNode node;
        try {
            node = value == null ? null : JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IOException("not a dead letter: not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new IOException("not a dead letter: a JSON object with topic, reason and payload was expected");
        }
        return new DeadLetterRecord(text(node, "topic"), text(node, "reason"), text(node, "payload"));
    }

    /** The bounded name of the reason ({@link DeadLetterReason}). */
    public String reasonName() {
        return DeadLetterReason.of(topic, reason);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
