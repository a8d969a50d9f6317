package dev.rideops.job.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each Kafka record where it is read, so the source can take event time (and watermarks) per partition: a
 * topic read faster than another during a backlog cannot close the other's buckets early. A record the job cannot
 * use becomes a dead letter with its reason; so does one stamped further in the future than {@code maxFutureMs}, which
 * would otherwise move the watermark past every real event for the rest of the job's life. Given a registry, it reads
 * Avro change events ({@code cdc.format: avro}) besides JSON ones, each record by its first byte, so the records a
 * topic holds from before a switch of format still decode.
 */
public class CdcRecordDeserializer implements KafkaRecordDeserializationSchema<Decoded> {

    private static final long serialVersionUID = 1L;

    private final DebeziumDecoder decoder = new DebeziumDecoder();
    /** null: no registry configured, so an Avro record is malformed. */
    private final AvroChangeDecoder avro;

    private final long maxFutureMs;
    private final SerializableClock clock;

    /** Wall-clock milliseconds, replaceable in tests. */
    public interface SerializableClock extends LongSupplier, java.io.Serializable {}

    /** @param registry where Avro records' schemas are read; {@link RegistrySchemas#none()}: JSON only */
    public CdcRecordDeserializer(long maxFutureMs, RegistrySchemas registry) {
        this(maxFutureMs, registry, System::currentTimeMillis);
    }

    CdcRecordDeserializer(long maxFutureMs, RegistrySchemas registry, SerializableClock clock) {
        this.avro = registry.configured() ? new AvroChangeDecoder(registry) : null;
        this.maxFutureMs = maxFutureMs;
        this.clock = clock;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded> out) {
        decode(record.topic(), record.value()).ifPresent(out::collect);
    }

    Optional<Decoded> decode(String topic, byte[] value) {
        if (!AvroChangeDecoder.isAvro(value)) {
            return typed(
                    topic,
                    () -> value == null ? "" : new String(value, StandardCharsets.UTF_8),
                    () -> decoder.decode(topic, value));
        }
        if (avro == null) {
            return Optional.of(failed(
                    topic, "an Avro record, but the job was given no registry (cdc.format json)", base64(value)));
        }
        GenericRecord envelope;
        try {
            envelope = avro.read(value);
        } catch (MalformedEventException e) {
            return Optional.of(failed(topic, e.getMessage(), base64(value)));
        }
        // kept as the record's JSON (Avro's rendering), which the dead-letter tools read as text like JSON events
        return typed(topic, envelope::toString, () -> avro.decode(topic, envelope));
    }

    /** Decoding that may find the event malformed. */
    private interface Typing {
        Optional<SourceEvent> decode() throws MalformedEventException;
    }

    /**
     * The typed event, or a dead letter holding the record as text when it is malformed or too far in the future (made
     * only then: most records decode).
     */
    private Optional<Decoded> typed(String topic, Supplier<String> raw, Typing typing) {
        try {
            Optional<SourceEvent> event = typing.decode();
            if (event.isPresent() && event.get().eventTime / 1000 > clock.getAsLong() + maxFutureMs) {
                return Optional.of(failed(
                        topic,
                        "event time " + java.time.Instant.ofEpochMilli(event.get().eventTime / 1000) + " is more than "
                                + maxFutureMs / 1000 + " s in the future",
                        raw.get()));
            }
            return event.map(Decoded::of);
        } catch (MalformedEventException e) {
            return Optional.of(failed(topic, e.getMessage(), raw.get()));
        }
    }

    private static Decoded failed(String topic, String reason, String raw) {
        return Decoded.failed(new DeadLetter(topic, reason, raw));
    }

    /** An Avro record that could not be read at all: kept whole, as base64 (it is binary). */
    private static String base64(byte[] value) {
        return "avro:" + Base64.getEncoder().encodeToString(value);
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
        return TypeInformation.of(Decoded.class);
    }
}
