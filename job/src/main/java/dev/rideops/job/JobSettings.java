package dev.rideops.job;

import java.io.Serializable;
import org.apache.flink.api.java.utils.ParameterTool;

/**
 * The job's arguments, read once: {@code --kafka.bootstrap-servers}, {@code --reporting.url} and friends. The
 * same jar runs on the local stack and on remote clusters; only these change.
 */
public record JobSettings(String bootstrapServers, String topicPattern, String groupId, String offsets,
                          String reportingUrl, String reportingUser, String reportingPassword,
                          String searchUrl, String searchUser, String searchPassword,
                          String deadLetterTopic, long checkpointIntervalMs, long emitEveryMs,
                          long outOfOrdernessMs, long allowedLatenessMs, long bufferTimeoutMs,
                          long searchFlushMs, long searchLatestFlushMs)
        implements Serializable {

    public static JobSettings from(String[] args) {
        ParameterTool p = ParameterTool.fromArgs(args);
        String offsets = p.get("offsets", "committed");
        if (!offsets.equals("earliest") && !offsets.equals("latest") && !offsets.equals("committed")) {
            throw new IllegalArgumentException("--offsets must be earliest, latest or committed, was " + offsets);
        }
        return new JobSettings(
                p.get("kafka.bootstrap-servers", "127.0.0.1:9092"),
                p.get("topic-pattern", "rideops\\.public\\..*"),
                p.get("group-id", "rideops-job"),
                offsets,
                p.get("reporting.url", "jdbc:postgresql://127.0.0.1:5433/reporting_db"),
                p.get("reporting.user", "user"),
                p.get("reporting.password", "password"),
                p.get("search.url", "http://127.0.0.1:9200"),
                p.get("search.user", ""),
                p.get("search.password", System.getenv().getOrDefault("ELASTIC_PASSWORD", "")),
                p.get("dead-letter-topic", "rideops.dlq"),
                p.getLong("checkpoint-interval-ms", 10_000),
                p.getLong("emit-every-ms", 200),
                p.getLong("out-of-orderness-ms", 5_000),
                p.getLong("allowed-lateness-ms", 600_000),
                // Flink's default of 100 ms per network exchange, times the job's three keyed hops, was most of the
                // commit-to-snapshot latency at moderate rates; full buffers still go out at once under load
                p.getLong("buffer-timeout-ms", 10),
                // bigger, rarer bulk requests: indexing is what the search node spends its CPU on, and on a small
                // machine that CPU is taken from everything else
                p.getLong("search-flush-ms", 1000),
                // each driver's newest position is coalesced over this window: with a ping every second or two per
                // driver, a 1 s window rewrote nearly every driver document once per ping, about as many writes as
                // the time series itself; the index refreshes every 2 s anyway
                p.getLong("search-latest-flush-ms", 2000));
    }
}
