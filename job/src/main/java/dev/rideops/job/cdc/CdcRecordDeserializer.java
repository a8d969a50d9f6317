package dev.rideops.job.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each Kafka record where it is read, so the source can take event time (and watermarks) per partition: a
 * topic read faster than another during a backlog cannot close the other's buckets early. A record the job cannot
 * use becomes a dead letter with its reason; so does one stamped further in the future than {@code maxFutureMs}, which
 * would otherwise move the watermark past every real event for the rest of the job's life.
 */
public class CdcRecordDeserializer implements KafkaRecordDeserializationSchema<Decoded> {

    private static final long serialVersionUID = 1L;

    private final DebeziumDecoder decoder = new DebeziumDecoder();
    private final long maxFutureMs;
    private final SerializableClock clock;

    /** Wall-clock milliseconds, replaceable in tests. */
    public interface SerializableClock extends LongSupplier, java.io.Serializable {}

    public CdcRecordDeserializer(long maxFutureMs) {
        this(maxFutureMs, System::currentTimeMillis);
    }

    CdcRecordDeserializer(long maxFutureMs, SerializableClock clock) {
        this.maxFutureMs = maxFutureMs;
        this.clock = clock;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded> out) {
        decode(record.topic(), record.value()).ifPresent(out::collect);
    }

    Optional<Decoded> decode(String topic, byte[] value) {
        try {
            Optional<SourceEvent> event = decoder.decode(topic, value);
            if (event.isPresent() && event.get().eventTime / 1000 > clock.getAsLong() + maxFutureMs) {
                return Optional.of(Decoded.failed(new DeadLetter(
                        topic,
                        "event time " + java.time.Instant.ofEpochMilli(event.get().eventTime / 1000) + " is more than "
                                + maxFutureMs / 1000 + " s in the future",
                        text(value))));
            }
            return event.map(Decoded::of);
        } catch (MalformedEventException e) {
            return Optional.of(Decoded.failed(new DeadLetter(topic, e.getMessage(), text(value))));
        }
    }

    private static String text(byte[] value) {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
        return TypeInformation.of(Decoded.class);
    }
}
