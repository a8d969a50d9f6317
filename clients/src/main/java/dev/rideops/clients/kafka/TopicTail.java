package dev.rideops.clients.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what is written to some topics from now on: every partition assigned by hand (no consumer group, so nothing
 * is committed and no group ACL is needed, only the topics' READ) and read from its end. The bench watches the CDC
 * topics with it, to split commit-to-visible latency at Kafka. Not thread-safe: one thread polls and closes it.
 */
public final class TopicTail implements AutoCloseable {

    /** One record: where it came from, its Kafka timestamp (epoch ms) and its value (null for a tombstone). */
    public record Arrived(String topic, long timestampMs, byte[] value) {}

    private final Consumer<byte[], byte[]> consumer;

    private TopicTail(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Tails {@code topics} as the user {@code access} names; a topic that does not exist yet is left out. */
    public static TopicTail open(KafkaAccess access, List<String> topics) {
        Properties props = access.properties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "rideops-bench-tail");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // as the job's source fetches: a record is handed over as soon as the broker has it
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return over(new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()), topics);
    }

    /** The same through a consumer made elsewhere (tests give a {@code MockConsumer}); the tail closes it. */
    public static TopicTail over(Consumer<byte[], byte[]> consumer, List<String> topics) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos != null) { // null or empty: no such topic (yet)
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // resolve the end now: what is written after open() is what the tail reads
            partitions.forEach(consumer::position);
            return new TopicTail(consumer);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The records written since the last poll, waiting at most {@code wait} for some. */
    public List<Arrived> poll(Duration wait) {
        List<Arrived> arrived = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
            arrived.add(new Arrived(r.topic(), r.timestamp(), r.value()));
        }
        return arrived;
    }

    /** Makes a poll under way return at once (from any thread): how the tail is stopped. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
