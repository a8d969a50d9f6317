package dev.rideops.clients.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** How many records the dead-letter topic holds (0 when the job never wrote one), for verify and the exporter. */
public final class DeadLetters {

    private DeadLetters() {}

    /** Records on the topic now, and how many of them arrived since a given time (whether they are rising). */
    public record Counts(long total, long since) {}

    /**
     * Records on {@code topic} now (0 when it does not exist), -1 when Kafka does not answer; a refused login or ACL
     * is a {@link dev.rideops.clients.ClientException}.
     */
    public static long count(KafkaAccess access, String topic) {
        return counts(access, topic, null).map(Counts::total).orElse(-1L);
    }

    /**
     * Records on {@code topic} now and those written at or after {@code since} (by their timestamps; 0 when null);
     * zeros when the topic does not exist, empty when Kafka does not answer.
     */
    public static java.util.Optional<Counts> counts(KafkaAccess access, String topic, java.time.Instant since) {
        try (Admin admin = KafkaAdmins.create(access)) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return java.util.Optional.of(new Counts(0, 0));
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
            long recent = 0;
            if (since != null) {
                Map<TopicPartition, OffsetSpec> fromTime = partitions.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.forTimestamp(since.toEpochMilli())));
                Map<TopicPartition, Long> ends =
                        admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                                .collect(Collectors.toMap(
                                        Map.Entry::getKey, e -> e.getValue().offset()));
                for (var e : admin.listOffsets(fromTime)
                        .all()
                        .get(10, TimeUnit.SECONDS)
                        .entrySet()) {
                    // -1: no record at or after that time in this partition
                    long first = e.getValue().offset();
                    recent += first < 0 ? 0 : ends.get(e.getKey()) - first;
                }
            }
            return java.util.Optional.of(new Counts(end - start, recent));
        } catch (Exception e) {
            // a refused login or a denied topic is a setting to fix: one line, rather than "unknown" for good
            var refused = KafkaFailures.explain(e, access, "read the dead-letter topic");
            if (refused != null) {
                throw refused;
            }
            return java.util.Optional.empty();
        }
    }
}
