package dev.rideops.clients.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How far a consumer group (the job commits its offsets on checkpoints) is behind the end of its topics. */
public final class ConsumerLag {

    /**
     * A topic's lag: records not yet committed, and how long the oldest of them has waited (now minus the Kafka
     * timestamp of the record at the committed offset, the next one the group has to process); 0 seconds when
     * nothing waits, null when a waiting record could not be read in time.
     */
    public record TopicLag(long records, Double seconds) {}

    /**
     * The group's lag over every topic, as {@code status} shows it beside the exporter's per-topic series: the records
     * waiting (-1 when unknown) and the oldest wait over the topics (0 when none waits, null when unknown; a lower
     * bound when some lagging partition could not be read in time, as per topic).
     */
    public record Summary(long records, Double seconds) {

        public static Summary of(Map<String, TopicLag> byTopic) {
            if (byTopic.isEmpty()) {
                return new Summary(-1, null);
            }
            long records =
                    byTopic.values().stream().mapToLong(TopicLag::records).sum();
            // only the topics that lag: a caught-up topic's 0 must not stand for a lagging one's unread age
            Double seconds = byTopic.values().stream()
                    .filter(l -> l.records() > 0)
                    .map(TopicLag::seconds)
                    .filter(Objects::nonNull)
                    .max(Double::compare)
                    .orElse(null);
            return new Summary(records, records == 0 ? Double.valueOf(0.0) : seconds);
        }
    }

    /** How long reading the records at the committed offsets may take, within the exporter's scrape budget. */
    private static final Duration READ_WAIT = Duration.ofSeconds(3);

    private ConsumerLag() {}

    /** Records not yet consumed, summed over every partition the group has committed for; -1 if unknown. */
    public static long total(KafkaAccess access, String groupId) {
        Map<String, Long> byTopic = byTopic(access, groupId);
        return byTopic.isEmpty()
                ? -1
                : byTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records not yet consumed per topic; empty when unknown (no offsets committed, or Kafka not answering). */
    public static Map<String, Long> byTopic(KafkaAccess access, String groupId) {
        try (Admin admin = KafkaAdmins.create(access)) {
            Offsets offsets = offsets(admin, groupId);
            Map<String, TopicLag> lag = lag(offsets.committed(), offsets.ends(), Map.of(), Instant.EPOCH);
            Map<String, Long> records = new TreeMap<>();
            lag.forEach((topic, l) -> records.put(topic, l.records()));
            return records;
        } catch (Exception e) {
            throwIfRefused(e, access);
            return Map.of();
        }
    }

    /**
     * Per topic, records not yet committed and the age of the oldest of them: one consumer (no group, nothing
     * committed) reads the record at each lagging partition's committed offset. Empty when unknown.
     */
    public static Map<String, TopicLag> withAge(KafkaAccess access, String groupId, Instant now) {
        Offsets offsets;
        try (Admin admin = KafkaAdmins.create(access)) {
            offsets = offsets(admin, groupId);
        } catch (Exception e) {
            throwIfRefused(e, access);
            return Map.of();
        }
        Map<TopicPartition, Long> waiting = new HashMap<>();
        offsets.committed().forEach((tp, offset) -> {
            Long end = offsets.ends().get(tp);
            if (end != null && end > offset) {
                waiting.put(tp, offset);
            }
        });
        return lag(offsets.committed(), offsets.ends(), firstTimestamps(access, waiting), now);
    }

    /**
     * A refused login or a denied group is a setting to fix, not a lag that is unknown for now: it fails in one line
     * (a reader that must not fail, like the exporter, reports Kafka down).
     */
    static void throwIfRefused(Exception e, KafkaAccess access) {
        if (e instanceof InterruptedException) {
            // an unknown lag for now, but the caller's thread was asked to stop: it must still see that
            Thread.currentThread().interrupt();
        }
        var refused = KafkaFailures.explain(e, access, "read the job's consumer group offsets");
        if (refused != null) {
            throw refused;
        }
    }

    private record Offsets(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {}

    private static Offsets offsets(Admin admin, String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((tp, o) -> {
            if (o != null) {
                offsets.put(tp, o.offset());
            }
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        offsets.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        ends.forEach((tp, info) -> endOffsets.put(tp, info.offset()));
        return new Offsets(offsets, endOffsets);
    }

    /**
     * The lag per topic from the committed and end offsets per partition and the timestamps of the records at the
     * committed offsets of the partitions that lag (those read in time).
     */
    static Map<String, TopicLag> lag(
            Map<TopicPartition, Long> committed,
            Map<TopicPartition, Long> ends,
            Map<TopicPartition, Instant> firstWaiting,
            Instant now) {
        Map<String, long[]> records = new TreeMap<>();
        Map<String, Instant> oldest = new HashMap<>();
        committed.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end == null) {
                return;
            }
            long behind = Math.max(0, end - offset);
            records.computeIfAbsent(tp.topic(), t -> new long[1])[0] += behind;
            if (behind > 0) {
                Instant first = firstWaiting.get(tp);
                if (first != null) {
                    oldest.merge(tp.topic(), first, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        });
        Map<String, TopicLag> lag = new TreeMap<>();
        records.forEach((topic, r) -> {
            Instant first = oldest.get(topic);
            Double seconds;
            if (r[0] == 0) {
                seconds = 0.0;
            } else if (first == null) {
                seconds = null;
            } else {
                // if another partition was not read in time, the oldest read is a lower bound: still worth serving
                seconds = Math.max(0, Duration.between(first, now).toMillis() / 1000.0);
            }
            lag.put(topic, new TopicLag(r[0], seconds));
        });
        return lag;
    }

    /** The Kafka timestamp of the record at each given offset, for those read within {@link #READ_WAIT}. */
    private static Map<TopicPartition, Instant> firstTimestamps(KafkaAccess access, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Instant> first = new HashMap<>();
        if (offsets.isEmpty()) {
            return first;
        }
        Properties props = access.properties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a committed offset that retention already deleted: the oldest record left is the oldest waiting
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "rideops-lag-age");
        // one small fetch per partition is enough: only the first record's timestamp is wanted
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.copyOf(offsets.keySet()));
            offsets.forEach(consumer::seek);
            long deadline = System.nanoTime() + READ_WAIT.toNanos();
            while (first.size() < offsets.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    first.putIfAbsent(tp, Instant.ofEpochMilli(r.timestamp()));
                }
                // a partition answered for needs nothing more
                consumer.pause(first.keySet());
            }
        } catch (RuntimeException e) {
            // Kafka went away mid-read: the ages known so far stand, the others are left out
        }
        return first;
    }
}
