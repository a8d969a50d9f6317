package dev.rideops.cli.bench;

import java.util.Map;

/**
 * Bench intervals for tests. An interval starts quiet (on target at 1000/s, no commit seen, no lag, state and heap
 * unknown, no resource samples), so a test names only the figures it is about and the record's twenty-three components
 * are spelt out once.
 */
public final class Intervals {

    /** The figures of an interval in which no commit became visible. */
    public static final Percentiles NO_LATENCY = new Percentiles(0, null, null, null, null, null);

    private Intervals() {}

    /** {@code count} latencies whose p99 and above are {@code p99Ms} and whose median is half of it. */
    public static Percentiles p99(long count, double p99Ms) {
        return new Percentiles(count, p99Ms / 2, p99Ms, p99Ms, p99Ms, p99Ms);
    }

    public static Builder endingAt(double endSeconds) {
        return new Builder(endSeconds);
    }

    /** Sets one figure at a time. */
    public static final class Builder {
        private final double endSeconds;
        private boolean warmup;
        private int targetEps = 1000;
        private double achievedEps = 1000;
        private Percentiles snapshot = NO_LATENCY;
        private Percentiles snapshotIntended = NO_LATENCY;
        private Percentiles kafka = NO_LATENCY;
        private Percentiles snapshotFromKafka = NO_LATENCY;
        private long cdcLagBytes;
        private long consumerLag;
        private long checkpointMs;
        private Map<String, Double> cpuCores = Map.of();
        private Map<String, Long> rssMb = Map.of();

        private Builder(double endSeconds) {
            this.endSeconds = endSeconds;
        }

        public Builder warmup(boolean warmup) {
            this.warmup = warmup;
            return this;
        }

        /** Target and achieved alike: the rate was met. */
        public Builder rate(int eps) {
            this.targetEps = eps;
            this.achievedEps = eps;
            return this;
        }

        public Builder achieved(double eps) {
            this.achievedEps = eps;
            return this;
        }

        /** Commit-to-snapshot latency from the commit returning. */
        public Builder snapshot(Percentiles latency) {
            this.snapshot = latency;
            return this;
        }

        /** Commit-to-snapshot latency from when the rate limiter meant the commit to start. */
        public Builder snapshotIntended(Percentiles latency) {
            this.snapshotIntended = latency;
            return this;
        }

        /** The same changes split at Kafka: commit to the record, the record to the snapshot. */
        public Builder kafkaSplit(Percentiles toKafka, Percentiles kafkaToSnapshot) {
            this.kafka = toKafka;
            this.snapshotFromKafka = kafkaToSnapshot;
            return this;
        }

        public Builder cdcLagBytes(long bytes) {
            this.cdcLagBytes = bytes;
            return this;
        }

        public Builder consumerLag(long records) {
            this.consumerLag = records;
            return this;
        }

        public Builder checkpointMs(long ms) {
            this.checkpointMs = ms;
            return this;
        }

        public Builder cpuCores(Map<String, Double> byService) {
            this.cpuCores = byService;
            return this;
        }

        public Builder rssMb(Map<String, Long> byService) {
            this.rssMb = byService;
            return this;
        }

        public Interval build() {
            return new Interval(
                    endSeconds,
                    warmup,
                    targetEps,
                    achievedEps,
                    snapshot,
                    NO_LATENCY,
                    snapshotIntended,
                    NO_LATENCY,
                    kafka,
                    snapshotFromKafka,
                    NO_LATENCY,
                    0,
                    cdcLagBytes,
                    consumerLag,
                    Map.of(),
                    checkpointMs,
                    -1,
                    -1,
                    0,
                    "",
                    cpuCores,
                    rssMb,
                    "2026-11-30T00:00:00Z");
        }
    }
}
