package dev.rideops.cli.verify;

import dev.rideops.clients.kafka.KafkaAdmins;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** How many records the dead-letter topic holds (0 when the job never wrote one). */
public final class DeadLetters {

    private DeadLetters() {}

    public static long count(String bootstrapServers, String topic) {
        try (Admin admin = KafkaAdmins.create(bootstrapServers)) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            TopicDescription d = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> partitions = d.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetSpec> starts =
                    partitions.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
            long end = admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset())
                    .sum();
            long start = admin.listOffsets(starts).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset())
                    .sum();
            return end - start;
        } catch (Exception e) {
            return -1;
        }
    }
}
