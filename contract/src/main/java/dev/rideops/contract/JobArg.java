package dev.rideops.contract;

/**
 * The job's program arguments ({@code --key value}). Deploy writes them and the job reads them, both through these
 * keys; what a key defaults to is the job's business ({@code JobSettings}).
 */
public enum JobArg {
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap-servers"),
    /** PLAINTEXT, SASL_PLAINTEXT or SASL_SSL (the job's default: PLAINTEXT). */
    KAFKA_SECURITY_PROTOCOL("kafka.security-protocol"),
    KAFKA_SASL_MECHANISM("kafka.sasl-mechanism"),
    /**
     * Over SASL_SSL: a PEM file on the TaskManagers and JobManager with the CA the brokers are verified with (else
     * the JVM's trusted CAs).
     */
    KAFKA_SSL_CA("kafka.ssl-ca"),
    KAFKA_USER("kafka.user"),
    /** A file on the TaskManagers and JobManager holding the password (else {@link JobContract#KAFKA_PASSWORD_ENV}). */
    KAFKA_PASSWORD_FILE("kafka.password-file"),
    TOPIC_PATTERN("topic-pattern"),
    GROUP_ID("group-id"),
    OFFSETS("offsets"),
    DEAD_LETTER_TOPIC("dead-letter-topic"),
    /** Apicurio Registry's v3 REST API, where Avro change events' schemas are read ({@code cdc.format: avro}). */
    REGISTRY_URL("registry.url"),
    /** The job's login on the registry (basic auth); empty: none, for a registry without authentication. */
    REGISTRY_USER("registry.user"),
    /** A file on the TaskManagers holding its password (else {@link JobContract#REGISTRY_PASSWORD_ENV}). */
    REGISTRY_PASSWORD_FILE("registry.password-file"),
    /**
     * For an https registry URL: a PEM file on the TaskManagers with the CA the registry is verified with (else the
     * JVM's trusted CAs).
     */
    REGISTRY_SSL_CA("registry.ssl-ca"),
    REPORTING_URL("reporting.url"),
    REPORTING_USER("reporting.user"),
    /** A file on the TaskManagers holding the password (else {@link JobContract#REPORTING_PASSWORD_ENV}). */
    REPORTING_PASSWORD_FILE("reporting.password-file"),
    SEARCH_URL("search.url"),
    SEARCH_USER("search.user"),
    /** A file on the TaskManagers holding the password (else {@link JobContract#SEARCH_PASSWORD_ENV}). */
    SEARCH_PASSWORD_FILE("search.password-file"),
    /**
     * For an https search URL: a PEM file on the TaskManagers with the CA the node is verified with (else the JVM's
     * trusted CAs).
     */
    SEARCH_SSL_CA("search.ssl-ca"),
    CHECKPOINT_INTERVAL_MS("checkpoint-interval-ms"),
    EMIT_EVERY_MS("emit-every-ms"),
    OUT_OF_ORDERNESS_MS("out-of-orderness-ms"),
    ALLOWED_LATENESS_MS("allowed-lateness-ms"),
    BUFFER_TIMEOUT_MS("buffer-timeout-ms"),
    IDLENESS_MS("idleness-ms"),
    MAX_DRIFT_MS("max-drift-ms"),
    MAX_FUTURE_MS("max-future-ms"),
    DEDUP_HORIZON_MS("dedup-horizon-ms"),
    MINUTE_RETENTION_MS("minute-retention-ms"),
    HOUR_RETENTION_MS("hour-retention-ms"),
    SEARCH_FLUSH_MS("search-flush-ms"),
    SEARCH_LATEST_FLUSH_MS("search-latest-flush-ms"),
    SEARCH_MAX_BACKOFF_MS("search-max-backoff-ms"),
    SEARCH_MAX_PENDING("search-max-pending"),
    SEARCH_TIMESERIES_RETENTION_DAYS("search.timeseries-retention-days"),
    /** Days of MINUTE rows the mart keeps ({@link MartRetention#oldestMinuteKept}); 0 (the job's default) keeps all. */
    MART_RETENTION_MINUTE_DAYS("mart.retention.minute-days");

    private final String key;

    JobArg(String key) {
        this.key = key;
    }

    /** The key as {@code ParameterTool} reads it, without dashes. */
    public String key() {
        return key;
    }

    /** The key as it appears on the command line, e.g. {@code --offsets}. */
    public String flag() {
        return "--" + key;
    }
}
