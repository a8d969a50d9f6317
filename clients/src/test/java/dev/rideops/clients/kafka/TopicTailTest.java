package dev.rideops.clients.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The tail reads what is written after it opened, with each record's Kafka timestamp, from every partition. */
class TopicTailTest {

    private static final String DRIVERS = "rideops.public.drivers";
    private static final String PINGS = "rideops.public.driver_location_events";

    @Test
    void readsOnlyWhatIsWrittenAfterItOpenedWithTheRecordsTimestamps() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "127.0.0.1", 1);
        consumer.updatePartitions(
                DRIVERS,
                List.of(
                        new PartitionInfo(DRIVERS, 0, node, new Node[] {node}, new Node[] {node}),
                        new PartitionInfo(DRIVERS, 1, node, new Node[] {node}, new Node[] {node})));
        consumer.updatePartitions(
                PINGS, List.of(new PartitionInfo(PINGS, 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(
                new TopicPartition(DRIVERS, 0),
                0L,
                new TopicPartition(DRIVERS, 1),
                0L,
                new TopicPartition(PINGS, 0),
                0L));
        consumer.updateEndOffsets(Map.of(
                new TopicPartition(DRIVERS, 0),
                5L,
                new TopicPartition(DRIVERS, 1),
                2L,
                new TopicPartition(PINGS, 0),
                7L));

        try (TopicTail tail = TopicTail.over(consumer, List.of(DRIVERS, PINGS, "rideops.public.not_there"))) {
            assertThat(consumer.assignment()).hasSize(3);
            add(consumer, DRIVERS, 0, 4, 1_000, "before the tail opened");
            add(consumer, DRIVERS, 0, 5, 1_005, "driver after");
            add(consumer, DRIVERS, 1, 2, 1_002, "other partition");
            add(consumer, PINGS, 0, 7, 1_007, "ping after");

            List<TopicTail.Arrived> arrived = tail.poll(Duration.ofMillis(10));

            assertThat(arrived)
                    .extracting(a ->
                            a.topic() + " " + a.timestampMs() + " " + new String(a.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(
                            DRIVERS + " 1005 driver after",
                            DRIVERS + " 1002 other partition",
                            PINGS + " 1007 ping after");
        }
        assertThat(consumer.closed()).isTrue();
    }

    private static void add(
            MockConsumer<byte[], byte[]> consumer,
            String topic,
            int partition,
            long offset,
            long timestamp,
            String value) {
        consumer.addRecord(new ConsumerRecord<>(
                topic,
                partition,
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                0,
                value.length(),
                null,
                value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(),
                Optional.empty()));
    }
}
