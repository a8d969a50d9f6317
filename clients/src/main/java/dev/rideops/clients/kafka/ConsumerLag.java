package dev.rideops.clients.kafka;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group (the job commits its offsets on checkpoints) is behind the end of its topics. */
public final class ConsumerLag {

    private ConsumerLag() {}

    /** Records not yet consumed, summed over every partition the group has committed for; -1 if unknown. */
    public static long total(String bootstrapServers, String groupId) {
        Map<String, Long> byTopic = byTopic(bootstrapServers, groupId);
        return byTopic.isEmpty()
                ? -1
                : byTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records not yet consumed per topic; empty when unknown (no offsets committed, or Kafka not answering). */
    public static Map<String, Long> byTopic(String bootstrapServers, String groupId) {
        try (Admin admin = KafkaAdmins.create(bootstrapServers)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                            committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            Map<String, Long> lag = new TreeMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() != null) {
                    lag.merge(
                            e.getKey().topic(),
                            Math.max(
                                    0,
                                    ends.get(e.getKey()).offset() - e.getValue().offset()),
                            Long::sum);
                }
            }
            return lag;
        } catch (Exception e) {
            return Map.of();
        }
    }
}
