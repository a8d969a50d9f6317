package dev.rideops.clients.kafka;

import dev.rideops.clients.ClientException;
import dev.rideops.contract.DeadLetterRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dead-letter topic read from the start (or from where the replay got to) up to the end it had when opened, so a
 * read ends while the job goes on writing. Where {@code rideops dead-letters replay} got to is the committed offsets
 * of its own consumer group, {@link #REPLAY_GROUP}: it assigns the partitions itself (no group membership, no
 * rebalance) and commits after each batch it finished, so a second replay starts after the first.
 */
public final class DeadLetterLog implements AutoCloseable {

    /** The replay's consumer group: its committed offsets are how far the replay got. */
    public static final String REPLAY_GROUP = "rideops-dead-letter-replay";

    /** How long a read waits for records it knows are there before it gives up. */
    private static final Duration STALL = Duration.ofSeconds(30);

    /**
     * One record: its place, and the letter, or why it could not be read (null letter).
     *
     * @param problem why the value is not a dead letter; null when {@code letter} is set
     */
    public record Letter(int partition, long offset, DeadLetterRecord letter, String problem) {}

    private final Consumer<byte[], byte[]> consumer;
    private final KafkaAccess access;
    private final Map<TopicPartition, Long> ends;
    /** Per partition, the offset after the last record handed out (or its start): what a commit records. */
    private final Map<TopicPartition, Long> next = new HashMap<>();

    private DeadLetterLog(Consumer<byte[], byte[]> consumer, KafkaAccess access, Map<TopicPartition, Long> ends) {
        this.consumer = consumer;
        this.access = access;
        this.ends = ends;
    }

    /**
     * Opens the topic from its first record (none when it does not exist).
     *
     * @param batch at most this many records per {@link #next()}
     */
    public static DeadLetterLog open(KafkaAccess access, String topic, int batch) {
        Properties props = access.properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, REPLAY_GROUP);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "rideops-dead-letters");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a committed offset that retention has deleted since: start at the oldest record left
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return over(
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()), access, topic);
    }

    /** The topic through a consumer made elsewhere (tests give a {@code MockConsumer}); this log closes it. */
    public static DeadLetterLog over(Consumer<byte[], byte[]> consumer, KafkaAccess access, String topic) {
        try {
            // empty when the topic does not exist (the job never wrote a letter): then there is nothing to read
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            DeadLetterLog log = new DeadLetterLog(consumer, access, new HashMap<>(consumer.endOffsets(partitions)));
            for (TopicPartition tp : partitions) {
                log.next.put(tp, consumer.position(tp));
            }
            return log;
        } catch (KafkaException e) {
            consumer.close(Duration.ofSeconds(1));
            throw failure(e, access, "read the dead-letter topic " + topic);
        }
    }

    /**
     * Where the replay got to, per partition (absent: never replayed there); empty when Kafka will not say (the
     * user may not describe {@link #REPLAY_GROUP}).
     */
    public Optional<Map<Integer, Long>> replayPositions() {
        try {
            return Optional.of(committed());
        } catch (KafkaException e) {
            return Optional.empty();
        }
    }

    /** Starts the read where the replay got to: the records it has not replayed yet. */
    public void fromReplayPosition() {
        try {
            committed().forEach((partition, offset) -> {
                TopicPartition tp = new TopicPartition(topicName(), partition);
                consumer.seek(tp, offset);
                next.put(tp, offset);
            });
        } catch (KafkaException e) {
            throw failure(e, access, "read the replay's offsets (consumer group " + REPLAY_GROUP + ")");
        }
    }

    /** Records left until the end the topic had when opened. */
    public long remaining() {
        return ends.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - next.get(e.getKey())))
                .sum();
    }

    public boolean done() {
        return remaining() == 0;
    }

    /** The next records, oldest first per partition; empty once {@link #done()}. */
    public List<Letter> next() {
        List<Letter> letters = new ArrayList<>();
        long stallDeadline = System.nanoTime() + STALL.toNanos();
        try {
            while (letters.isEmpty() && !done()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < ends.get(tp)) {
                        letters.add(letter(r));
                        next.put(tp, r.offset() + 1);
                    }
                }
                for (TopicPartition tp : ends.keySet()) {
                    // past the end: offsets without a record (a compacted or transaction marker) are done too
                    if (consumer.position(tp) >= ends.get(tp)) {
                        next.put(tp, Math.max(next.get(tp), ends.get(tp)));
                        consumer.pause(List.of(tp));
                    }
                }
                if (letters.isEmpty() && !done() && System.nanoTime() > stallDeadline) {
                    throw new ClientException(
                            "Kafka at " + access.bootstrapServers() + " sent none of the " + remaining()
                                    + " dead letters left for " + STALL.toSeconds() + " s",
                            "check 'rideops status' (kafka), then run the command again");
                }
            }
        } catch (KafkaException e) {
            throw failure(e, access, "read the dead-letter topic " + topicName());
        }
        return letters;
    }

    /** Records that every letter handed out so far is replayed: a later replay starts after them. */
    public void commitReplayed() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            throw failure(e, access, "commit the replay's offsets (consumer group " + REPLAY_GROUP + ")");
        }
    }

    private Map<Integer, Long> committed() {
        Map<Integer, Long> positions = new HashMap<>();
        consumer.committed(ends.keySet()).forEach((tp, committed) -> {
            if (committed != null) {
                positions.put(tp.partition(), committed.offset());
            }
        });
        return positions;
    }

    private String topicName() {
        return ends.keySet().stream().findFirst().map(TopicPartition::topic).orElse("");
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> r) {
        try {
            return new Letter(r.partition(), r.offset(), DeadLetterRecord.parse(r.value()), null);
        } catch (IOException e) {
            return new Letter(r.partition(), r.offset(), null, e.getMessage());
        }
    }

    private static ClientException failure(KafkaException e, KafkaAccess access, String doing) {
        ClientException refused = KafkaFailures.explain(e, access, doing);
        return refused != null
                ? refused
                : new ClientException(
                        "could not " + doing + " at " + access.bootstrapServers() + ": " + e.getMessage(),
                        "check 'rideops status' (kafka) and kafka.bootstrap-servers");
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
