package dev.rideops.job.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads the change events Apicurio's Avro converter wrote ({@code cdc.format: avro}): a zero magic byte, the 4-byte
 * content id of the writer's schema in the registry, then the Avro binary record. The record becomes the tree
 * Debezium's JSON converter would have written without schemas (records as objects, a union as its value, bytes as
 * base64, Debezium's time types as the same numbers), so {@link DebeziumDecoder} types both formats alike.
 */
public final class AvroChangeEvents implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What the converter writes first, and JSON never does (its first byte is '{'). */
    public static final byte MAGIC = 0;

    private static final int HEADER = 1 + Integer.BYTES;

    private final RegistrySchemas schemas;

    public AvroChangeEvents(RegistrySchemas schemas) {
        this.schemas = schemas;
    }

    /** Whether a record's value is in the converter's format (else it is JSON, from before the switch to Avro). */
    public static boolean isAvro(byte[] value) {
        return value != null && value.length > 0 && value[0] == MAGIC;
    }

    public JsonNode decode(byte[] value) throws MalformedEventException {
        if (value.length < HEADER) {
            throw new MalformedEventException("Avro record of " + value.length + " bytes has no schema id");
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        buffer.get();
        int contentId = buffer.getInt();
        Schema schema = schemas.byContentId(contentId);
        Object record;
        try {
            record = new GenericDatumReader<>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new MalformedEventException("not an Avro record of schema " + contentId + ": " + e.getMessage());
        }
        try {
            return tree(record);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
    }

    static JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof GenericRecord record) {
            ObjectNode object = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), tree(record.get(field.pos())));
            }
            return object;
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return NODES.binaryNode(copy);
        }
        if (value instanceof GenericFixed fixed) {
            return NODES.binaryNode(fixed.bytes());
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(key.toString(), tree(item)));
            return object;
        }
        throw new IllegalArgumentException("no JSON for Avro value of " + value.getClass());
    }
}
