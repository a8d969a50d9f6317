package dev.rideops.cli.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting rideops reads, with its built-in default. Each has a dotted key (used in rideops.yaml as nested
 * maps and with {@code --set key=value}) and an environment variable {@code RIDEOPS_<KEY>}; a few also answer to
 * the variable names the original scripts used.
 */
public enum Setting {
    HOME("home", "~/.rideops", ValueType.PATH, "where data dirs, logs and pids live"),
    PROFILE(
            "profile",
            "",
            ValueType.TEXT,
            "named profile of rideops.yaml (under 'profiles:') whose settings apply over the file's; empty: none"),
    STACK_PORT_OFFSET(
            "stack.port-offset",
            "0",
            ValueType.OFFSET,
            "added to every local port setting, so a second stack (with its own home) runs beside the first"),
    SECURITY_TLS(
            "security.tls",
            "false",
            ValueType.BOOLEAN,
            "true: the local stack serves TLS (PostgreSQL, Kafka, Kafka Connect's REST API and the search node; "
                    + "Flink's REST API always does) with certificates of a local CA under "
                    + "$RIDEOPS_HOME/secrets, every client verifying them (up --tls); kept in stack.json, so later "
                    + "commands use it against that stack"),

    SOURCE_HOST("source.host", "localhost", ValueType.TEXT, "source PostgreSQL host", "GENERATOR_PGHOST"),
    SOURCE_PORT("source.port", "5432", ValueType.PORT, "source PostgreSQL port", "GENERATOR_PGPORT"),
    SOURCE_DATABASE("source.database", "ride_hailing_db", ValueType.TEXT, "source database", "GENERATOR_PGDATABASE"),
    SOURCE_USER(
            "source.user",
            "rideops_writer",
            ValueType.TEXT,
            "the generator's role on the source database (writes its tables, nothing else)",
            "GENERATOR_PGUSER"),
    SOURCE_PASSWORD(
            "source.password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/source-writer",
            "GENERATOR_PGPASSWORD"),
    SOURCE_MAX_SLOT_WAL_KEEP_SIZE(
            "source.max-slot-wal-keep-size",
            "4g",
            ValueType.SIZE,
            "most WAL the local source keeps for a CDC slot that lags; beyond it the slot is invalidated"),

    REPORTING_HOST("reporting.host", "localhost", ValueType.TEXT, "reporting PostgreSQL host"),
    REPORTING_PORT("reporting.port", "5433", ValueType.PORT, "reporting PostgreSQL port"),
    REPORTING_DATABASE("reporting.database", "reporting_db", ValueType.TEXT, "reporting database"),
    REPORTING_USER(
            "reporting.user",
            "rideops_mart",
            ValueType.TEXT,
            "the job's role on the reporting database (writes the mart's tables, nothing else)"),
    REPORTING_PASSWORD(
            "reporting.password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/mart-writer"),

    POSTGRES_ADMIN_USER(
            "postgres.admin-user",
            "rideops_admin",
            ValueType.TEXT,
            "owner of both databases' schemas (the local clusters' superuser): migrates them, creates the roles"),
    POSTGRES_ADMIN_PASSWORD(
            "postgres.admin-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/postgres-admin"),
    READER_USER(
            "reader.user",
            "rideops_reader",
            ValueType.TEXT,
            "read-only role on both databases, for verify, bench, health checks and your psql sessions"),
    READER_PASSWORD(
            "reader.password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/reader"),
    POSTGRES_SSLMODE(
            "postgres.sslmode",
            "",
            ValueType.SSLMODE,
            "sslmode of every connection to both databases (rideops's, the job's, the CDC connector's); empty: "
                    + "verify-full with security.tls, else the driver's default"),
    POSTGRES_SSLROOTCERT(
            "postgres.sslrootcert",
            "",
            ValueType.TEXT,
            "CA certificate (PEM) those connections verify the servers with, a path every client can read; empty: "
                    + "the local CA's with security.tls, else the driver's default"),

    KAFKA_BOOTSTRAP_SERVERS(
            "kafka.bootstrap-servers", "", ValueType.TEXT, "Kafka bootstrap servers; empty means the local brokers"),
    KAFKA_SECURITY_PROTOCOL(
            "kafka.security-protocol",
            "SASL_PLAINTEXT",
            ValueType.KAFKA_PROTOCOL,
            "how rideops and the job reach Kafka: SASL_PLAINTEXT (the local brokers take nothing else; SASL_SSL when "
                    + "left at its default with security.tls), or PLAINTEXT or SASL_SSL for a remote cluster"),
    KAFKA_SASL_MECHANISM(
            "kafka.sasl-mechanism",
            "SCRAM-SHA-512",
            ValueType.SASL_MECHANISM,
            "how Kafka users log in: SCRAM-SHA-512 or SCRAM-SHA-256 (what the local brokers enable), or PLAIN for a "
                    + "remote cluster"),
    KAFKA_SSL_CA(
            "kafka.ssl-ca",
            "",
            ValueType.TEXT,
            "CA certificate (PEM) Kafka clients verify the brokers with over SASL_SSL (rideops's, the Connect worker's "
                    + "connector, the job's), a path every client can read; empty: the local CA's with security.tls, "
                    + "else the JVM's trusted CAs"),
    KAFKA_USER(
            "kafka.user",
            "rideops",
            ValueType.LOGIN,
            "rideops's Kafka user: creates and describes the rideops.* topics, reads the job's lag; writes nothing"),
    KAFKA_PASSWORD(
            "kafka.password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/kafka-rideops"),
    KAFKA_ADMIN_USER(
            "kafka.admin-user",
            "admin",
            ValueType.LOGIN,
            "the local brokers' own user and only super user: inter-broker and controller logins, and the set-up of "
                    + "the other users and their ACLs"),
    KAFKA_ADMIN_PASSWORD(
            "kafka.admin-password",
            "",
            ValueType.SECRET,
            "its password, fixed when the brokers' storage is formatted; empty: generated into "
                    + "$RIDEOPS_HOME/secrets/kafka-admin"),
    KAFKA_CONNECT_USER(
            "kafka.connect-user",
            "connect",
            ValueType.LOGIN,
            "the local Connect worker's Kafka user: its group and internal topics, writes the CDC topics"),
    KAFKA_CONNECT_PASSWORD(
            "kafka.connect-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/kafka-connect"),
    KAFKA_JOB_USER(
            "kafka.job-user",
            "rideops-job",
            ValueType.LOGIN,
            "the Flink job's Kafka user: reads the CDC topics, commits its group's offsets, writes the dead-letter "
                    + "topic"),
    KAFKA_JOB_PASSWORD(
            "kafka.job-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/kafka-job"),
    KAFKA_BROKERS(
            "kafka.brokers", "auto", ValueType.BROKERS, "local broker count: 1, 3, or auto (3 when memory allows)"),
    KAFKA_PORT("kafka.port", "9092", ValueType.PORT, "first local broker's port (others follow)"),
    KAFKA_CONTROLLER_PORT(
            "kafka.controller-port", "29092", ValueType.PORT, "first local KRaft controller port (others follow)"),
    KAFKA_PROXY_PORT(
            "kafka.proxy-port",
            "",
            ValueType.OPTIONAL_PORT,
            "first port a local broker advertises on a second, proxied listener for network faults on the Kafka-job "
                    + "link (broker i: port + i; the listeners bind port + 3 + i); empty means none"),
    KAFKA_HEAP("kafka.heap", "512m", ValueType.MEGABYTES, "heap per local broker"),
    KAFKA_RETENTION_HOURS(
            "kafka.retention-hours", "72", ValueType.COUNT, "hours local brokers keep records before deleting them"),
    KAFKA_RETENTION_BYTES(
            "kafka.retention-bytes",
            "1g",
            ValueType.SIZE,
            "most each partition keeps on a local broker; its oldest records go first"),
    KAFKA_COMPRESSION(
            "kafka.compression",
            "lz4",
            ValueType.COMPRESSION,
            "codec of the batches local brokers store and the local Connect worker sends"),
    HEALTH_MAX_LAG_RECORDS(
            "health.max-lag-records",
            "50000",
            ValueType.COUNT,
            "consumer lag above which 'up' reports that the job is not keeping up"),
    HEALTH_MAX_FRESHNESS_SECONDS(
            "health.max-freshness-seconds",
            "30",
            ValueType.COUNT,
            "how far the snapshot may be behind the newest source change before 'up' fails"),
    UP_RESULTS_TIMEOUT_SECONDS(
            "up.results-timeout-seconds",
            "180",
            ValueType.COUNT,
            "how long 'up' waits, after deploying, for current results in every mart table and the search index"
                    + " (what 'wait --for results' waits for)"),
    UP_HEALTH_TIMEOUT_SECONDS(
            "up.health-timeout-seconds",
            "120",
            ValueType.COUNT,
            "how long 'up' then waits for a checkpoint and for lag and freshness within the health.* limits"),
    KAFKA_TOPIC_PARTITIONS(
            "kafka.topic-partitions",
            "3",
            ValueType.COUNT,
            "partitions of each CDC topic deploy creates (the job's source parallelism)"),

    CONNECT_URL(
            "connect.url",
            "",
            ValueType.URL,
            "Kafka Connect REST URL; empty means the local worker (https with security.tls)"),
    CONNECT_SSL_CA(
            "connect.ssl-ca",
            "",
            ValueType.TEXT,
            "CA certificate (PEM) rideops verifies an https Kafka Connect REST API with; empty: the local CA's for "
                    + "the local worker with security.tls, else the JVM's trusted CAs"),
    CONNECT_PORT("connect.port", "8083", ValueType.PORT, "local Kafka Connect REST port"),
    CONNECT_HEAP("connect.heap", "512m", ValueType.MEGABYTES, "heap of the local Connect worker"),
    CONNECT_USER(
            "connect.user",
            "rideops",
            ValueType.LOGIN,
            "the login Kafka Connect's REST API asks for (basic auth; the local worker's only user)"),
    CONNECT_PASSWORD(
            "connect.password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/connect"),

    FLINK_URL(
            "flink.url",
            "",
            ValueType.URL,
            "Flink REST URL; empty means the local session cluster (https with mutual TLS); an http:// URL is plain, "
                    + "an https:// one uses the flink.client-keystore and flink.truststore below"),
    FLINK_CLIENT_KEYSTORE(
            "flink.client-keystore",
            "",
            ValueType.TEXT,
            "PKCS12 keystore of the client certificate rideops shows Flink's REST API; empty: the local cluster's "
                    + "$RIDEOPS_HOME/secrets/flink-rest-client.p12, and none for an https flink.url"),
    FLINK_CLIENT_KEYSTORE_PASSWORD(
            "flink.client-keystore-password",
            "",
            ValueType.SECRET,
            "its password (and its key's); empty: generated into $RIDEOPS_HOME/secrets/flink-rest-client"),
    FLINK_TRUSTSTORE(
            "flink.truststore",
            "",
            ValueType.TEXT,
            "PKCS12 truststore of the CA that signed the Flink REST server's certificate; empty: the local CA's "
                    + "$RIDEOPS_HOME/secrets/flink-rest-truststore.p12, and the JDK's CAs for an https flink.url"),
    FLINK_TRUSTSTORE_PASSWORD(
            "flink.truststore-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/flink-rest-truststore"),
    FLINK_PORT("flink.port", "8081", ValueType.PORT, "local Flink REST and web UI port"),
    FLINK_RPC_PORT("flink.rpc-port", "6123", ValueType.PORT, "local JobManager RPC port"),
    FLINK_BLOB_PORT("flink.blob-port", "6124", ValueType.PORT, "local JobManager blob server port"),
    FLINK_TASKMANAGERS("flink.taskmanagers", "1", ValueType.COUNT, "local TaskManager count"),
    FLINK_TASK_SLOTS("flink.task-slots", "4", ValueType.COUNT, "task slots per TaskManager"),
    FLINK_JOBMANAGER_MEMORY("flink.jobmanager-memory", "768m", ValueType.MEGABYTES, "JobManager process memory"),
    FLINK_TASKMANAGER_MEMORY(
            "flink.taskmanager-memory", "1280m", ValueType.MEGABYTES, "process memory per TaskManager"),
    FLINK_METRICS_PORT(
            "flink.metrics-port",
            "9249",
            ValueType.PORT,
            "first port of the local Flink metrics for Prometheus; the JobManager and each TaskManager take one of "
                    + "the next 1 + flink.taskmanagers"),

    FLINK_RETAIN(
            "flink.retain",
            "3",
            ValueType.COUNT,
            "retained checkpoints of stopped jobs, savepoints and uploaded jars kept by 'job prune' and after each "
                    + "deploy; what the running job or a resume needs is kept besides"),

    CDC_FORMAT(
            "cdc.format",
            "json",
            ValueType.CDC_FORMAT,
            "how Debezium writes change events to Kafka: json (no schemas), or avro with their schemas in Apicurio "
                    + "Registry (the local stack then runs one)"),
    REGISTRY_URL(
            "registry.url",
            "",
            ValueType.URL,
            "Apicurio Registry's v3 REST API for cdc.format avro, as Connect and the job reach it; empty means the "
                    + "local registry (https with security.tls)"),
    REGISTRY_SSL_CA(
            "registry.ssl-ca",
            "",
            ValueType.TEXT,
            "CA certificate (PEM, one certificate) an https registry is verified with (by rideops, Connect's converter "
                    + "and the job), a path every client can read; empty: the local CA's for the local registry with "
                    + "security.tls, else the JVM's trusted CAs"),
    REGISTRY_PORT("registry.port", "8080", ValueType.PORT, "local Apicurio Registry REST port (cdc.format avro)"),
    REGISTRY_MANAGEMENT_PORT(
            "registry.management-port",
            "8091",
            ValueType.PORT,
            "local Apicurio Registry health and metrics port (cdc.format avro)"),
    REGISTRY_HEAP("registry.heap", "256m", ValueType.MEGABYTES, "heap of the local Apicurio Registry"),
    REGISTRY_JAVA_HOME(
            "registry.java-home",
            "",
            ValueType.PATH,
            "Java 21 or newer that runs the local Apicurio Registry (3.3 needs it); empty: the running Java if new "
                    + "enough, else the newest under /usr/lib/jvm"),
    REGISTRY_CONNECT_USER(
            "registry.connect-user",
            "registry-connect",
            ValueType.TEXT,
            "Connect's registry login (basic auth; role sr-developer on the local registry: its converter registers"
                    + " schemas); empty: none, for a registry.url without authentication"),
    REGISTRY_CONNECT_PASSWORD(
            "registry.connect-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/registry-connect"),
    REGISTRY_JOB_USER(
            "registry.job-user",
            "registry-job",
            ValueType.TEXT,
            "the Flink job's registry login (basic auth; role sr-readonly on the local registry: it only reads"
                    + " schemas); empty: none, for a registry.url without authentication"),
    REGISTRY_JOB_PASSWORD(
            "registry.job-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/registry-job"),
    SEARCH_URL(
            "search.url",
            "",
            ValueType.URL,
            "Elasticsearch REST URL; empty means the local search node (https with security.tls)"),
    SEARCH_SSL_CA(
            "search.ssl-ca",
            "",
            ValueType.TEXT,
            "CA certificate (PEM) an https search node is verified with (by rideops and the job's sink), a path every "
                    + "client can read; empty: the local CA's for the local node with security.tls, else the JVM's "
                    + "trusted CAs"),
    SEARCH_PORT("search.port", "9200", ValueType.PORT, "local search node REST port"),
    SEARCH_TRANSPORT_PORT("search.transport-port", "9300", ValueType.PORT, "local search node transport port"),
    SEARCH_HEAP("search.heap", "512m", ValueType.MEGABYTES, "heap of the local search node"),
    SEARCH_USER(
            "search.user",
            "elastic",
            ValueType.TEXT,
            "the search node's admin (deploy: indexes and template; Kibana's import); empty: no login at all, for a "
                    + "remote node without security"),
    SEARCH_PASSWORD(
            "search.password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/search-admin",
            "ELASTIC_PASSWORD"),
    SEARCH_WRITER_USER(
            "search.writer-user",
            "rideops_search_writer",
            ValueType.LOGIN,
            "the job's search user (writes driver_locations and driver_locations_timeseries-* only); left unset with "
                    + "search.url set: search.user"),
    SEARCH_WRITER_PASSWORD(
            "search.writer-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/search-writer"),
    SEARCH_READER_USER(
            "search.reader-user",
            "rideops_search_reader",
            ValueType.LOGIN,
            "read-only search user of the dashboard, verify, bench, status and the health probe; left unset with "
                    + "search.url set: search.user"),
    SEARCH_READER_PASSWORD(
            "search.reader-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/search-reader"),
    SEARCH_KIBANA_URL(
            "search.kibana-url",
            "",
            ValueType.URL,
            "Kibana in front of the search node: 'deploy' imports the dashboards' saved objects there (as search.user "
                    + "when set); empty: no Kibana, no import"),
    SEARCH_TIMESERIES_RETENTION_DAYS(
            "search.timeseries-retention-days",
            "7",
            ValueType.COUNT,
            "the job deletes daily time-series indexes older than this many days"),

    LOGS_MAX_SIZE("logs.max-size", "50m", ValueType.SIZE, "size at which a local service's log is rotated"),
    LOGS_KEEP("logs.keep", "4", ValueType.COUNT, "rotated logs kept per local service"),
    DISK_MIN_FREE(
            "disk.min-free",
            "2g",
            ValueType.SIZE,
            "status and preflight warn when less is free on the disk of home, naming what uses it"),

    GENERATOR_VOLUME("generator.volume", "small", ValueType.VOLUME, "traffic volume preset"),

    MONITORING_PROMETHEUS_URL(
            "monitoring.prometheus-url",
            "",
            ValueType.URL,
            "Prometheus that 'alerts' asks; empty means the local one, which 'up' runs when prometheus is installed"),
    MONITORING_PROMETHEUS_PORT(
            "monitoring.prometheus-port", "9090", ValueType.PORT, "local Prometheus web and API port"),
    MONITORING_RETENTION(
            "monitoring.retention",
            "7d",
            ValueType.RETENTION,
            "how long the local Prometheus keeps metrics and alert history"),
    MONITORING_ALERTMANAGER_PORT(
            "monitoring.alertmanager-port",
            "9095",
            ValueType.PORT,
            "local Alertmanager port (not its usual 9093: that is the second Kafka broker's)"),
    MONITORING_EXPORTER_PORT(
            "monitoring.exporter-port",
            "9400",
            ValueType.PORT,
            "port the local Prometheus scrapes the pipeline exporter on"),
    MONITORING_EXPORTER_USER(
            "monitoring.exporter-user",
            "prometheus",
            ValueType.LOGIN,
            "user Prometheus sends (basic auth) to scrape the pipeline exporter"),
    MONITORING_EXPORTER_PASSWORD(
            "monitoring.exporter-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/exporter"),
    MONITORING_JMX_PORT(
            "monitoring.jmx-port",
            "9404",
            ValueType.PORT,
            "first port of the JMX exporter agents in the local JVM services (127.0.0.1): Kafka broker i on this + i - 1,"
                    + " Connect on this + 3, the search node on this + 4"),
    MONITORING_JMX_USER(
            "monitoring.jmx-user",
            "prometheus",
            ValueType.LOGIN,
            "user Prometheus sends (basic auth) to scrape the JMX exporter agents"),
    MONITORING_JMX_PASSWORD(
            "monitoring.jmx-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/jmx-exporter"),
    MONITORING_SCRAPE_INTERVAL_SECONDS(
            "monitoring.scrape-interval-seconds",
            "15",
            ValueType.COUNT,
            "seconds between the local Prometheus's scrapes and rule evaluations; at 8 or more a scrape outlasts"
                    + " the pipeline exporter's 7 s budget for a source that does not answer; above 30"
                    + " RideopsMartStale cannot fire (it needs two scrapes a minute)"),
    MONITORING_KPI_WINDOW_MINUTES(
            "monitoring.kpi-window-minutes",
            "5",
            ValueType.COUNT,
            "minutes of MINUTE buckets the exporter's recent match and cancel rates cover"),
    MONITORING_KPI_BASELINE_MINUTES(
            "monitoring.kpi-baseline-minutes",
            "30",
            ValueType.COUNT,
            "minutes before the recent window that the rates' baseline covers (what 'falling' is judged against)"),

    DASHBOARD_PORT(
            "dashboard.port",
            "8088",
            ValueType.PORT,
            "port of the built-in dashboard (rideops dashboard), on 127.0.0.1"),
    DASHBOARD_USER(
            "dashboard.user", "rideops", ValueType.LOGIN, "the dashboard's login (basic auth on its pages and API)"),
    DASHBOARD_PASSWORD(
            "dashboard.password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/dashboard"),

    CONNECTOR_DATABASE_HOST(
            "connector.database-host",
            "",
            ValueType.TEXT,
            "source host as the Connect worker sees it; empty means source.host"),
    CONNECTOR_DATABASE_PORT(
            "connector.database-port",
            "",
            ValueType.OPTIONAL_PORT,
            "source port as the Connect worker sees it; empty means source.port"),
    CONNECTOR_DATABASE_USER(
            "connector.database-user",
            "rideops_cdc",
            ValueType.TEXT,
            "Debezium's replication role on the source (REPLICATION, SELECT on the captured tables only)"),
    CONNECTOR_DATABASE_PASSWORD(
            "connector.database-password",
            "",
            ValueType.SECRET,
            "its password; empty: generated into $RIDEOPS_HOME/secrets/cdc"),
    CONNECTOR_PASSWORD_FILE(
            "connector.password-file",
            "",
            ValueType.TEXT,
            "properties file on the Connect workers holding database.password, read through their 'file' config "
                    + "provider; empty: rideops writes one for the local worker, and sends the password in the "
                    + "connector config to a remote one"),
    CONNECTOR_REGISTRY_PASSWORD_FILE(
            "connector.registry-password-file",
            "",
            ValueType.TEXT,
            "properties file on the Connect workers holding registry.connect-password as 'password' (cdc.format "
                    + "avro), read through their 'file' config provider; empty: rideops writes one for the local "
                    + "worker, and sends the password in the connector config to a remote one"),
    JOB_KAFKA_BOOTSTRAP_SERVERS(
            "job.kafka-bootstrap-servers",
            "",
            ValueType.TEXT,
            "Kafka as the Flink job sees it; empty means the same as rideops"),
    JOB_REPORTING_URL(
            "job.reporting-url",
            "",
            ValueType.TEXT,
            "reporting JDBC URL as the Flink job sees it; empty means the same as rideops"),
    JOB_SEARCH_URL(
            "job.search-url",
            "",
            ValueType.URL,
            "search URL as the Flink job sees it; empty means the same as rideops"),
    JOB_SOURCE_URL(
            "job.source-url",
            "",
            ValueType.TEXT,
            "source JDBC URL as the cohort batch job sees it; empty means the same as rideops"),
    BATCH_CHURN_DAYS(
            "batch.churn-days",
            "7",
            ValueType.COUNT,
            "days without activity after which the cohort batch counts a rider or driver as churned"),
    BATCH_MAX_DAY_OFFSET(
            "batch.max-day-offset",
            "30",
            ValueType.OFFSET,
            "the widest day offset the cohort batch computes for a cohort"),
    BATCH_ONLINE_GAP_SECONDS(
            "batch.online-gap-seconds",
            "300",
            ValueType.COUNT,
            "consecutive pings of a driver at most this far apart count as online time"),
    BATCH_CATCH_UP_DAYS(
            "batch.catch-up-days",
            "30",
            ValueType.COUNT,
            "how many finished days back the daily schedule runs the cohort batch for days it missed"),
    MART_RETENTION_VERIFY_RUNS(
            "mart.retention.verify-runs",
            "500",
            ValueType.OFFSET,
            "newest verify runs kept in mart.verify_run with their checks; each verify deletes older ones after "
                    + "writing its own; 0 keeps every run"),
    MART_RETENTION_COHORT_DAYS(
            "mart.retention.cohort-days",
            "400",
            ValueType.OFFSET,
            "days of cohorts, driver productivity and batch_run rows the cohort batch keeps before each day it "
                    + "computes (it deletes older ones); more than batch.max-day-offset and batch.catch-up-days; "
                    + "0 keeps every day"),
    MART_RETENTION_MINUTE_DAYS(
            "mart.retention.minute-days",
            "35",
            ValueType.OFFSET,
            "days of MINUTE rows (fact_metric_bucket MINUTE, cell_supply_demand, snapshot_metric_minute) the job "
                    + "keeps before its watermark's day; it deletes older ones hourly, HOUR rows stay; at least 3 "
                    + "(the job updates a minute for 2 days); 0 keeps every minute"),
    JOB_REPORTING_PASSWORD_FILE(
            "job.reporting-password-file",
            "",
            ValueType.TEXT,
            "file on the TaskManagers holding reporting.password; empty: the job reads "
                    + "$RIDEOPS_REPORTING_PASSWORD of the TaskManagers, which the local stack sets"),
    JOB_SOURCE_PASSWORD_FILE(
            "job.source-password-file",
            "",
            ValueType.TEXT,
            "file on the TaskManagers holding reader.password, which the cohort batch reads the source with; empty: "
                    + "the batch reads $RIDEOPS_READER_PASSWORD of the TaskManagers, which the local stack sets"),
    JOB_KAFKA_PASSWORD_FILE(
            "job.kafka-password-file",
            "",
            ValueType.TEXT,
            "file on the TaskManagers and the JobManager holding kafka.job-password; empty: the job reads "
                    + "$RIDEOPS_KAFKA_PASSWORD there, which the local stack sets"),
    JOB_SEARCH_PASSWORD_FILE(
            "job.search-password-file",
            "",
            ValueType.TEXT,
            "file on the TaskManagers holding the password of the job's search user; empty: the job reads their "
                    + "$RIDEOPS_SEARCH_WRITER_PASSWORD (which the local stack sets), else $ELASTIC_PASSWORD"),
    JOB_REGISTRY_PASSWORD_FILE(
            "job.registry-password-file",
            "",
            ValueType.TEXT,
            "file on the TaskManagers holding registry.job-password (cdc.format avro); empty: the job reads their "
                    + "$RIDEOPS_REGISTRY_PASSWORD, which the local stack sets");

    private final String key;
    private final String defaultValue;
    private final ValueType type;
    private final String description;
    private final List<String> aliases;

    Setting(String key, String defaultValue, ValueType type, String description, String... aliases) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.type = type;
        this.description = description;
        this.aliases = List.of(aliases);
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** A value as it may be shown or written down: a secret's, when set, as {@code ****}. */
    public String shown(String value) {
        return type == ValueType.SECRET && !value.isEmpty() ? "****" : value;
    }

    ValueType type() {
        return type;
    }

    /** {@code RIDEOPS_SOURCE_PORT} for {@code source.port}. */
    public String envName() {
        return "RIDEOPS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Variable names of the original scripts that set the same thing; RIDEOPS_* wins over them. */
    public List<String> aliases() {
        return aliases;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
