package dev.rideops.job;

import dev.rideops.contract.Defaults;
import dev.rideops.contract.JobArg;
import dev.rideops.contract.JobContract;
import dev.rideops.contract.MartRetention;
import dev.rideops.contract.Offsets;
import dev.rideops.job.cdc.RegistrySchemas;
import dev.rideops.job.credentials.Credential;
import dev.rideops.job.sinks.JdbcTarget;
import dev.rideops.job.sinks.KafkaLogin;
import dev.rideops.job.sinks.SearchTarget;
import java.io.Serializable;
import org.apache.flink.api.java.utils.ParameterTool;

/**
 * The job's arguments ({@link JobArg}), read once and grouped by what they configure. The same jar runs on the
 * local stack and on remote clusters; only these change.
 */
public record JobSettings(Kafka kafka, JdbcTarget reporting, Search search, Timing timing, Retention retention)
        implements Serializable {

    /**
     * Where the CDC topics are read from and malformed records go, who the job logs in to Kafka as, and the registry
     * holding the schemas of Avro change events ({@code cdc.format: avro}; {@link RegistrySchemas#none()}: JSON
     * only), with the job's login there.
     */
    public record Kafka(
            String bootstrapServers,
            String topicPattern,
            String groupId,
            Offsets offsets,
            String deadLetterTopic,
            KafkaLogin login,
            RegistrySchemas registry)
            implements Serializable {}

    /**
     * The search node, how often the sink writes to it, how it rides out the node's failures, and how many days of
     * daily time-series indexes it keeps (0: every day).
     */
    public record Search(
            SearchTarget target,
            long flushMs,
            long latestFlushMs,
            long maxBackoffMs,
            int maxPending,
            int timeseriesRetentionDays)
            implements Serializable {}

    /** Checkpoints, emission and event-time tolerances. */
    public record Timing(
            long checkpointIntervalMs,
            long emitEveryMs,
            long outOfOrdernessMs,
            long allowedLatenessMs,
            long bufferTimeoutMs,
            long idlenessMs,
            long maxDriftMs,
            long maxFutureMs)
            implements Serializable {}

    /**
     * How long keyed state is kept, so it stays bounded over weeks (docs/KPI_CATALOGUE.md says what it means), and
     * how many days of MINUTE rows the mart keeps before the watermark's day (0: every row; {@link MartRetention}).
     */
    public record Retention(long dedupHorizonMs, long minuteRetentionMs, long hourRetentionMs, int martMinuteDays)
            implements Serializable {

        /** Ten years: past that a horizon added to a clock could overflow and expire state at once. */
        static final long LONGEST_MS = 10 * 365 * 86_400_000L;

        public Retention {
            positive(JobArg.DEDUP_HORIZON_MS, dedupHorizonMs);
            positive(JobArg.MINUTE_RETENTION_MS, minuteRetentionMs);
            positive(JobArg.HOUR_RETENTION_MS, hourRetentionMs);
            int fewest = MartRetention.fewestMinuteDays(minuteRetentionMs);
            if (martMinuteDays != 0 && martMinuteDays < fewest) {
                // the mart would lose minutes the job still updates; deploy refuses this before the job sees it
                throw new IllegalArgumentException(JobArg.MART_RETENTION_MINUTE_DAYS.flag() + " " + martMinuteDays
                        + " is fewer than the " + fewest + " days the job updates a minute for ("
                        + JobArg.MINUTE_RETENTION_MS.flag() + " " + minuteRetentionMs + ")");
            }
        }

        private static void positive(JobArg arg, long ms) {
            if (ms <= 0 || ms > LONGEST_MS) {
                throw new IllegalArgumentException(
                        arg.flag() + " " + ms + " must be between 1 and " + LONGEST_MS + " (ten years)");
            }
        }
    }

    public static JobSettings from(String[] args) {
        ParameterTool p = ParameterTool.fromArgs(args);
        return new JobSettings(kafka(p), reporting(p), search(p), timing(p), retention(p));
    }

    private static Kafka kafka(ParameterTool p) {
        return new Kafka(
                get(p, JobArg.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:" + Defaults.KAFKA_PORT),
                get(p, JobArg.TOPIC_PATTERN, dev.rideops.contract.CdcContract.TOPIC_PATTERN),
                get(p, JobArg.GROUP_ID, JobContract.GROUP_ID),
                Offsets.fromArg(get(p, JobArg.OFFSETS, Offsets.COMMITTED.arg())),
                get(p, JobArg.DEAD_LETTER_TOPIC, JobContract.DEAD_LETTER_TOPIC),
                new KafkaLogin(
                        get(p, JobArg.KAFKA_SECURITY_PROTOCOL, "PLAINTEXT"),
                        get(p, JobArg.KAFKA_SASL_MECHANISM, "SCRAM-SHA-512"),
                        get(p, JobArg.KAFKA_USER, ""),
                        Credential.fromFileOrEnv(
                                get(p, JobArg.KAFKA_PASSWORD_FILE, ""), JobContract.KAFKA_PASSWORD_ENV),
                        get(p, JobArg.KAFKA_SSL_CA, "")),
                new RegistrySchemas(
                        get(p, JobArg.REGISTRY_URL, ""),
                        get(p, JobArg.REGISTRY_USER, ""),
                        Credential.fromFileOrEnv(
                                get(p, JobArg.REGISTRY_PASSWORD_FILE, ""), JobContract.REGISTRY_PASSWORD_ENV),
                        get(p, JobArg.REGISTRY_SSL_CA, "")));
    }

    private static JdbcTarget reporting(ParameterTool p) {
        return new JdbcTarget(
                get(
                        p,
                        JobArg.REPORTING_URL,
                        "jdbc:postgresql://127.0.0.1:" + Defaults.REPORTING_PORT + "/" + Defaults.REPORTING_DATABASE),
                get(p, JobArg.REPORTING_USER, "rideops_mart"),
                Credential.fromFileOrEnv(
                        get(p, JobArg.REPORTING_PASSWORD_FILE, ""), JobContract.REPORTING_PASSWORD_ENV));
    }

    private static Search search(ParameterTool p) {
        SearchTarget target = new SearchTarget(
                get(p, JobArg.SEARCH_URL, "http://127.0.0.1:" + Defaults.SEARCH_PORT),
                get(p, JobArg.SEARCH_USER, ""),
                Credential.fromFileOrEnv(
                        get(p, JobArg.SEARCH_PASSWORD_FILE, ""),
                        JobContract.SEARCH_WRITER_PASSWORD_ENV,
                        JobContract.SEARCH_PASSWORD_ENV),
                get(p, JobArg.SEARCH_SSL_CA, ""));
        return new Search(
                target,
                // bigger, rarer bulk requests: indexing is what the search node spends its CPU on, and on a small
                // machine that CPU is taken from everything else
                getLong(p, JobArg.SEARCH_FLUSH_MS, 1000),
                // each driver's newest position is coalesced over this window: with a ping every second or two per
                // driver, a 1 s window rewrote nearly every driver document once per ping, about as many writes as
                // the time series itself; the index refreshes every 2 s anyway
                getLong(p, JobArg.SEARCH_LATEST_FLUSH_MS, 2000),
                // a dead node is asked again at least this often, so the index catches up within this of its return;
                // the same ceiling as the cluster's restart delay
                getLong(p, JobArg.SEARCH_MAX_BACKOFF_MS, 30_000),
                // about 30 MB of heap per writer: hours of pings at the small volume, minutes at large, under one at
                // bench's 5,000 changes/s; past it pings go to the dead-letter topic, not into the TaskManager's heap
                p.getInt(JobArg.SEARCH_MAX_PENDING.key(), 200_000),
                // deleting is opt-in for whoever deploys the jar; rideops deploy passes its configured retention
                p.getInt(JobArg.SEARCH_TIMESERIES_RETENTION_DAYS.key(), 0));
    }

    private static Timing timing(ParameterTool p) {
        return new Timing(
                getLong(p, JobArg.CHECKPOINT_INTERVAL_MS, 10_000),
                getLong(p, JobArg.EMIT_EVERY_MS, 200),
                getLong(p, JobArg.OUT_OF_ORDERNESS_MS, 5_000),
                getLong(p, JobArg.ALLOWED_LATENESS_MS, 600_000),
                // Flink's default of 100 ms per network exchange, times the job's three keyed hops, was most of the
                // commit-to-snapshot latency at moderate rates; full buffers still go out at once under load. 25 ms,
                // not 10 (issue #16): the quieter exchanges (drivers, bookings, payments, the snapshot's) send a
                // buffer holding one or two records per flush, each a wake-up of the task that reads it; 25 ms sends
                // them less than half as often for at most 15 ms more per hop
                getLong(p, JobArg.BUFFER_TIMEOUT_MS, 25),
                // a partition without records for this long stops holding the watermark back
                getLong(p, JobArg.IDLENESS_MS, 30_000),
                // a backlog's partitions are read in step: one runs at most this far ahead of the slowest
                getLong(p, JobArg.MAX_DRIFT_MS, 60_000),
                // the clocks of the source and the job may disagree by less than this; a later stamp is an error
                getLong(p, JobArg.MAX_FUTURE_MS, 3_600_000));
    }

    private static Retention retention(ParameterTool p) {
        long day = 86_400_000L;
        return new Retention(
                getLong(p, JobArg.DEDUP_HORIZON_MS, 2 * day),
                getLong(p, JobArg.MINUTE_RETENTION_MS, MartRetention.DEFAULT_MINUTE_BUCKET_RETENTION_MS),
                getLong(p, JobArg.HOUR_RETENTION_MS, 8 * day),
                // deleting is opt-in for whoever deploys the jar, as for the time-series indexes
                p.getInt(JobArg.MART_RETENTION_MINUTE_DAYS.key(), 0));
    }

    private static String get(ParameterTool p, JobArg arg, String fallback) {
        return p.get(arg.key(), fallback);
    }

    private static long getLong(ParameterTool p, JobArg arg, long fallback) {
        return p.getLong(arg.key(), fallback);
    }
}
