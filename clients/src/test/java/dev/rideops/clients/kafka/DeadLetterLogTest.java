package dev.rideops.clients.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The dead-letter topic read to the end it had when opened, and the replay's position kept in its group. */
class DeadLetterLogTest {

    private static final String TOPIC = "rideops.dlq";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final KafkaAccess ACCESS = KafkaAccess.plaintext("127.0.0.1:1");

    /** Partition 0 holds offsets 0-2 and partition 1 offsets 0-1 when the log opens; one more arrives after. */
    private static MockConsumer<byte[], byte[]> topic() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "127.0.0.1", 1);
        consumer.updatePartitions(
                TOPIC,
                List.of(
                        new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node}),
                        new PartitionInfo(TOPIC, 1, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 3L, P1, 2L));
        consumer.schedulePollTask(() -> {
            add(consumer, 0, 0, "{\"topic\":\"t\",\"reason\":\"not JSON: x\",\"payload\":\"{\"}");
            add(consumer, 0, 1, "not a letter");
            add(consumer, 0, 2, "{\"topic\":\"t\",\"reason\":\"r2\",\"payload\":\"p\"}");
            add(consumer, 1, 0, "{\"topic\":\"t\",\"reason\":\"r3\",\"payload\":\"p\"}");
            add(consumer, 1, 1, "{\"topic\":\"t\",\"reason\":\"r4\",\"payload\":\"p\"}");
            add(consumer, 0, 3, "{\"topic\":\"t\",\"reason\":\"written after the log opened\",\"payload\":\"p\"}");
        });
        return consumer;
    }

    private static void add(MockConsumer<byte[], byte[]> consumer, int partition, long offset, String value) {
        consumer.addRecord(
                new ConsumerRecord<>(TOPIC, partition, offset, null, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<DeadLetterLog.Letter> readAll(DeadLetterLog log) {
        List<DeadLetterLog.Letter> all = new ArrayList<>();
        while (!log.done()) {
            all.addAll(log.next());
        }
        return all;
    }

    @Test
    void aReadEndsAtTheEndTheTopicHadWhenOpenedAndNamesARecordThatIsNoLetter() {
        MockConsumer<byte[], byte[]> consumer = topic();
        try (DeadLetterLog log = DeadLetterLog.over(consumer, ACCESS, TOPIC)) {
            assertThat(log.remaining()).isEqualTo(5);

            List<DeadLetterLog.Letter> letters = readAll(log);

            assertThat(letters)
                    .extracting(l -> l.partition() + "/" + l.offset())
                    .containsExactlyInAnyOrder("0/0", "0/1", "0/2", "1/0", "1/1");
            assertThat(letters)
                    .filteredOn(l -> l.letter() == null)
                    .singleElement()
                    .satisfies(l -> assertThat(l.problem()).contains("not a dead letter"));
            assertThat(log.replayPositions()).contains(Map.of());
        }
    }

    @Test
    void theReplayCommitsWhatItHandedOutNotWhatCameLaterAndANextReplayStartsThere() {
        MockConsumer<byte[], byte[]> consumer = topic();
        try (DeadLetterLog log = DeadLetterLog.over(consumer, ACCESS, TOPIC)) {
            // an earlier replay's commit (after the log assigned the partitions: the mock forgets commits on assign)
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(2)));
            log.fromReplayPosition();
            assertThat(log.remaining())
                    .as("partition 0 from offset 2, partition 1 from the start")
                    .isEqualTo(3);

            List<DeadLetterLog.Letter> letters = readAll(log);
            log.commitReplayed();

            assertThat(letters)
                    .extracting(l -> l.partition() + "/" + l.offset())
                    .containsExactlyInAnyOrder("0/2", "1/0", "1/1");
            assertThat(consumer.committed(java.util.Set.of(P0, P1)))
                    .containsEntry(P0, new OffsetAndMetadata(3))
                    .containsEntry(P1, new OffsetAndMetadata(2));
            assertThat(log.replayPositions()).contains(Map.of(0, 3L, 1, 2L));
        }
    }

    @Test
    void aTopicTheJobNeverWroteHasNothingToRead() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        try (DeadLetterLog log = DeadLetterLog.over(consumer, ACCESS, TOPIC)) {
            assertThat(log.done()).isTrue();
            assertThat(log.next()).isEmpty();
        }
    }
}
