package dev.rideops.stack.services;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a local broker keeps and how it stores it: records are deleted once older than {@code hours} or when a
 * partition holds more than {@code bytesPerPartition}, and stored batches are compressed with {@code compression}
 * (none, gzip, snappy, lz4 or zstd).
 */
public record KafkaRetention(int hours, long bytesPerPartition, String compression) {

    /** Smaller segments would only mean more files (Kafka itself accepts 1 MiB). */
    private static final long MIN_SEGMENT_BYTES = 16L * 1024 * 1024;

    private static final long MAX_SEGMENT_BYTES = 1024L * 1024 * 1024;

    /**
     * The broker-wide defaults every topic inherits. Retention deletes whole segments, and never the active one:
     * with Kafka's defaults (1 GiB, rolled after 7 days) a partition keeps up to a whole segment beyond its byte
     * limit, and a quiet topic's segment is not closed within the retention time at all. Segments of an eighth of
     * each limit keep the overshoot to about an eighth.
     */
    Map<String, Object> brokerProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("log.retention.hours", hours);
        p.put("log.retention.bytes", bytesPerPartition);
        p.put("log.segment.bytes", Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, bytesPerPartition / 8)));
        p.put("log.roll.hours", Math.max(1, hours / 8));
        // the broker calls it "uncompressed"; producers call it "none"
        p.put("compression.type", compression.equals("none") ? "uncompressed" : compression);
        return p;
    }
}
