package dev.rideops.job.sinks;

import java.io.Serializable;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Where a sink sends its own dead letters (it has no side output to give them to the dead-letter sink). */
public record DeadLetterTopic(String bootstrapServers, String topic, KafkaLogin login) implements Serializable {

    public DeadLetterTopic(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, KafkaLogin.none());
    }

    DeadLetterProducer producer() {
        return new DeadLetterProducer(
                () -> {
                    Properties props = login.properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
                },
                new DeadLetterSerializer(topic));
    }
}
