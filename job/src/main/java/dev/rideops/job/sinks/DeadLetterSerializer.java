package dev.rideops.job.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.job.cdc.DeadLetter;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A dead letter as JSON ({@code topic}, {@code reason}, {@code payload}) on the dead-letter topic. */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        try {
            return new ProducerRecord<>(topic, JSON.writeValueAsBytes(letter));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write dead letter", e);
        }
    }
}
