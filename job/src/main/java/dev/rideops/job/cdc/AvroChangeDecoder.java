package dev.rideops.job.cdc;

import dev.rideops.contract.CdcAvro;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
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
 * ZonedTimestamp} is a string in both formats), deletes by their before-image: the envelope's parts become a {@link
 * ChangeEvent} over {@link AvroColumns}, which {@link DebeziumDecoder} types. The records are read straight from Avro,
 * not through JSON, so Avro is measured as Avro. AvroChangeDecoderTest runs one Debezium change through
 * Kafka's JSON converter and Apicurio's Avro converter and holds both decoders to the same event.
 */
public final class AvroChangeDecoder implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The rules JSON events are typed by, given this record's envelope and images. */
    private final DebeziumDecoder rules = new DebeziumDecoder();

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
        GenericRecord source = record(envelope, "source");
        return rules.decode(
                topic,
                ChangeEvent.of(
                        text(envelope, "op"),
                        source == null ? null : text(source, "snapshot"),
                        source == null ? null : whole(source, "ts_us"),
                        source == null ? null : whole(source, "ts_ms"),
                        whole(envelope, "ts_ms"),
                        columns(envelope, "after"),
                        columns(envelope, "before")));
    }

    private static GenericRecord record(GenericRecord r, String name) {
        return AvroColumns.value(r, name) instanceof GenericRecord nested ? nested : null;
    }

    private static Columns columns(GenericRecord envelope, String image) {
        GenericRecord r = record(envelope, image);
        return r == null ? null : new AvroColumns(r);
    }

    private static String text(GenericRecord r, String name) {
        Object v = AvroColumns.value(r, name);
        return v == null ? null : v.toString();
    }

    /** An envelope's time (Avro long); null when absent. */
    private static Long whole(GenericRecord r, String name) {
        return AvroColumns.value(r, name) instanceof Number n ? n.longValue() : null;
    }
}
