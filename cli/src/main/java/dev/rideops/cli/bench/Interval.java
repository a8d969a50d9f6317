package dev.rideops.cli.bench;

import java.util.Map;

/**
 * The figures of one measuring interval (10 s by default). Latencies are of the commits that became visible in
 * the interval, from the commit returning and ({@code *Intended}) from when the rate limiter meant it to start, and split at Kafka: {@code kafka} from the commit to its change's
 * Kafka record (drivers and pings), {@code snapshotFromKafka} and {@code searchFromKafka} from the record to visible
 * (empty when the bench does not tail Kafka, see {@link KafkaArrivals}); lags and resources are sampled at its end: {@code consumerLag} is the job source's unfetched
 * records, {@code committedLagByTopic} the lag of its checkpoint-committed offsets per topic; {@code stateBytes} is
 * the state in the newest checkpoint and {@code tmHeapUsedBytes} the TaskManagers' heap in use (-1 when unknown);
 * {@code endAt} the wall-clock end (ISO-8601 UTC), to lay a long run beside the services' logs and metrics.
 */
public record Interval(
        double endSeconds,
        boolean warmup,
        int targetEps,
        double achievedEps,
        Percentiles snapshot,
        Percentiles search,
        Percentiles snapshotIntended,
        Percentiles searchIntended,
        Percentiles kafka,
        Percentiles snapshotFromKafka,
        Percentiles searchFromKafka,
        long notVisibleSnapshot,
        long cdcLagBytes,
        long consumerLag,
        Map<String, Long> committedLagByTopic,
        long checkpointMs,
        long stateBytes,
        long tmHeapUsedBytes,
        double backpressure,
        String backpressuredOperator,
        Map<String, Double> cpuCores,
        Map<String, Long> rssMb,
        String endAt) {}
