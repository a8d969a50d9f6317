package dev.rideops.scenarios;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A network fault's data ({@code network:} in a fault file): the link the fault proxy is put on, and what it does
 * to the bytes there. Links so far: {@code connect-source-db} (the Debezium connector's connection to the source).
 */
public record NetworkFault(
        String link,
        Kind fault,

        @JsonSerialize(using = DurationText.Serializer.class)
        Duration latency,

        @JsonSerialize(using = DurationText.Serializer.class)
        Duration jitter,

        Long bytesPerSecond) {

    /** The links a proxy can be put on. */
    public static final List<String> LINKS =
            List.of("connect-source-db", "kafka-job", "job-reporting-db", "job-search");

    /** Whether the link is one of the Flink job's: the job, not the connector, is redeployed through the proxy. */
    public boolean jobLink() {
        return !link.equals("connect-source-db");
    }

    public enum Kind {
        /** Each chunk waits {@code latency} plus or minus up to {@code jitter}. */
        LATENCY,
        /** At most {@code bytes_per_second} per direction. */
        BANDWIDTH,
        /** Nothing gets through; peers see only their own timeouts. */
        BLACKHOLE,
        /** Connections refused, open ones reset. */
        PARTITION,
        /** Open connections reset (TCP RST), new ones too. */
        RESET;

        @JsonCreator
        public static Kind of(String word) {
            for (Kind k : values()) {
                if (k.toString().equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "network fault must be latency, bandwidth, blackhole, partition or reset, was " + word);
        }

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NetworkFault {
        if (link == null || !LINKS.contains(link)) {
            throw new IllegalArgumentException("network link must be one of " + LINKS + ", was " + link);
        }
        if (fault == null) {
            throw new IllegalArgumentException(
                    "network needs fault: latency, bandwidth, blackhole, partition or reset");
        }
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (fault == Kind.LATENCY && latency == null) {
            throw new IllegalArgumentException("a latency fault needs latency (and may have jitter)");
        }
        if (fault == Kind.BANDWIDTH && (bytesPerSecond == null || bytesPerSecond <= 0)) {
            throw new IllegalArgumentException("a bandwidth fault needs bytes_per_second > 0");
        }
    }
}
