package dev.rideops.job.cdc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The parts of a Debezium change event the job reads, in one streaming pass: {@code op}, the after-image, the
 * source's snapshot marker and commit times. Everything else ({@code source}'s other fields, {@code transaction}) is
 * skipped without being materialised. The before-image is only kept as the bytes it spans and read when asked for: only
 * a delete needs it, and updates of the REPLICA IDENTITY FULL tables carry one too. Other formats' events are made
 * with {@link #of}, so {@link DebeziumDecoder} types every format by one set of rules.
 */
final class ChangeEvent {

    private static final JsonFactory JSON = new JsonFactory();

    /** {@code op} as text, empty when absent, null or not a scalar. */
    String op = "";
    /** {@code source.snapshot} as text, empty when absent. */
    String snapshot = "";
    /** {@code source.ts_us}, {@code source.ts_ms}, the envelope's {@code ts_ms}; null when absent or null. */
    Long sourceTsUs;

    Long sourceTsMs;
    Long tsMs;
    /** The after-image; null when absent or not an object. */
    Columns after;

    private boolean beforeIsObject;
    private Columns before;
    private byte[] beforeBytes;
    private int beforeStart;
    private int beforeLength;

    private ChangeEvent() {}

    /** Reads a change event as the JSON converter writes it, with or without its schema envelope. */
    static ChangeEvent read(byte[] value) throws MalformedEventException {
        try (JsonParser p = JSON.createParser(value)) {
            JsonToken root = p.nextToken();
            if (root != JsonToken.START_OBJECT) {
                if (root != null) {
                    p.skipChildren(); // a broken value is "not JSON", as a whole-document read says
                }
                throw notAnObject();
            }
            return read(p, value, 0, true);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("unreadable: " + e.getMessage());
        }
    }

    /**
     * A change event another format has already read (null where a field is absent or null; images null when the
     * event has none).
     */
    static ChangeEvent of(
            String op, String snapshot, Long sourceTsUs, Long sourceTsMs, Long tsMs, Columns after, Columns before) {
        ChangeEvent e = new ChangeEvent();
        e.op = op == null ? "" : op;
        e.snapshot = snapshot == null ? "" : snapshot;
        e.sourceTsUs = sourceTsUs;
        e.sourceTsMs = sourceTsMs;
        e.tsMs = tsMs;
        e.after = after;
        e.before = before;
        e.beforeIsObject = before != null;
        return e;
    }

    private static MalformedEventException notAnObject() {
        return new MalformedEventException("not a Debezium change event (expected a JSON object)");
    }

    /**
     * Reads the object the parser is at, which reads {@code bytes} from {@code base} on: the before-image and a schema envelope's payload are kept as byte ranges; {@code unwrap}: a {@code payload} beside a
     * {@code schema} is the event.
     */
    private static ChangeEvent read(JsonParser p, byte[] bytes, int base, boolean unwrap) throws IOException {
        ChangeEvent e = new ChangeEvent();
        boolean schema = false;
        boolean payload = false;
        int payloadStart = -1;
        int payloadLength = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "op" -> e.op = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : skip(p, "");
                case "after" -> e.after = value == JsonToken.START_OBJECT ? RowImage.read(p) : skip(p, null);
                case "before" -> e.keepBefore(p, value, bytes, base);
                case "source" -> e.readSource(p, value);
                case "ts_ms" -> e.tsMs = nonNullLong(p, value);
                case "schema" -> schema = skip(p, unwrap);
                case "payload" -> {
                    payload = unwrap;
                    if (unwrap && value == JsonToken.START_OBJECT) {
                        payloadStart = base + start(p);
                        p.skipChildren();
                        payloadLength = base + end(p) - payloadStart;
                    } else {
                        payloadStart = -1;
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (schema && payload) {
            if (payloadStart < 0) {
                return new ChangeEvent();
            }
            try (JsonParser inner = JSON.createParser(bytes, payloadStart, payloadLength)) {
                inner.nextToken();
                return read(inner, bytes, payloadStart, false);
            }
        }
        return e;
    }

    private void keepBefore(JsonParser p, JsonToken value, byte[] bytes, int base) throws IOException {
        beforeIsObject = value == JsonToken.START_OBJECT;
        before = null;
        beforeBytes = null;
        if (!beforeIsObject) {
            p.skipChildren();
        } else {
            beforeBytes = bytes;
            beforeStart = base + start(p);
            p.skipChildren();
            beforeLength = base + end(p) - beforeStart;
        }
    }

    private void readSource(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "snapshot" ->
                    snapshot = v.isScalarValue() && v != JsonToken.VALUE_NULL ? p.getText() : skip(p, "");
                case "ts_us" -> sourceTsUs = nonNullLong(p, v);
                case "ts_ms" -> sourceTsMs = nonNullLong(p, v);
                default -> p.skipChildren();
            }
        }
    }

    /** The before-image; null when the event has none (or not an object). */
    Columns before() throws MalformedEventException {
        if (before == null && beforeBytes != null) {
            try (JsonParser p = JSON.createParser(beforeBytes, beforeStart, beforeLength)) {
                p.nextToken();
                before = RowImage.read(p);
            } catch (IOException e) {
                throw new MalformedEventException("unreadable: " + e.getMessage());
            }
        }
        return beforeIsObject ? before : null;
    }

    /** A value as a long the way a tree's {@code asLong} reads it (a numeric string parsed, other text 0). */
    private static Long nonNullLong(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            p.skipChildren();
            return 0L;
        }
        return p.getValueAsLong();
    }

    /** Skips the value the parser is at and returns what stands for it. */
    private static <T> T skip(JsonParser p, T instead) throws IOException {
        p.skipChildren();
        return instead;
    }

    /** Where the current token starts, counted from where the parser's input starts. */
    private static int start(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /** Just past the current token. */
    private static int end(JsonParser p) {
        return (int) p.currentLocation().getByteOffset();
    }
}
