package dev.rideops.cli.config;

import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.connect.CdcConnector;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.services.RegistryService;

/**
 * The service endpoints every command talks to: the URLs in config when set (remote clusters), else the local
 * stack's ports. One place, so local and remote go through the same code.
 *
 * @param flinkTls how the Flink REST API is spoken to ({@link FlinkTls}): null for plain http
 * @param connectTls how an https Kafka Connect is verified ({@link RestTls}): null for http or the JVM's CAs
 * @param searchTls how an https search node is verified ({@link RestTls}): null for http or the JVM's CAs
 */
public record Endpoints(
        String kafkaBootstrap,
        String connectUrl,
        String flinkUrl,
        String searchUrl,
        String reportingJdbcUrl,
        String prometheusUrl,
        ClientTls flinkTls,
        ClientTls connectTls,
        ClientTls searchTls) {

    public static Endpoints from(RideopsConfig config, StackSpec local) {
        // the local cluster's REST API serves mutual TLS only
        String flinkUrl = orDefault(
                config.get(Setting.FLINK_URL),
                "https://127.0.0.1:" + local.flink().port());
        // the local worker's and node's serve https only with security.tls
        String connectUrl = orDefault(
                config.get(Setting.CONNECT_URL),
                RestTls.localUrl(config, local.connect().port()));
        String searchUrl = orDefault(
                config.get(Setting.SEARCH_URL),
                RestTls.localUrl(config, local.search().port()));
        return new Endpoints(
                orDefault(config.get(Setting.KAFKA_BOOTSTRAP_SERVERS), local.kafkaBootstrapServers()),
                connectUrl,
                flinkUrl,
                searchUrl,
                DatabaseTls.of(config)
                        .jdbcUrl(
                                config.get(Setting.REPORTING_HOST),
                                config.intValue(Setting.REPORTING_PORT),
                                config.get(Setting.REPORTING_DATABASE)),
                orDefault(
                        config.get(Setting.MONITORING_PROMETHEUS_URL),
                        "http://127.0.0.1:" + local.monitoring().prometheusPort()),
                FlinkTls.of(config, flinkUrl),
                RestTls.connect(config, connectUrl),
                RestTls.search(config, searchUrl));
    }

    /** The Flink session cluster over its REST API, with the TLS the config gives ({@link FlinkTls}). */
    public FlinkJob flink() {
        return new FlinkJob(flinkUrl, flinkTls);
    }

    /** The search node's REST API as its admin: deploy's indexes and template. */
    public RestCalls searchAsAdmin(RideopsConfig config) {
        return SearchLogins.admin(config).calls(searchUrl, searchTls);
    }

    /**
     * The search node's REST API as the job's writer: the one user that writes the ping indexes, so the replay of
     * dead-lettered pings writes with the rights the job has, no more.
     */
    public RestCalls searchAsWriter(RideopsConfig config) {
        return SearchLogins.writer(config).calls(searchUrl, searchTls);
    }

    /** The search node's REST API as the read-only user: everything that only reads it. */
    public RestCalls searchAsReader(RideopsConfig config) {
        return SearchLogins.reader(config).calls(searchUrl, searchTls);
    }

    /**
     * The CDC connector over Kafka Connect's REST API, with the configured login ({@link Logins#connect}) and TLS
     * ({@link RestTls}).
     */
    public CdcConnector connector(RideopsConfig config) {
        return new CdcConnector(connectUrl, Logins.connect(config), connectTls);
    }

    /**
     * Kafka as rideops reaches it, logged in as {@code kafka.user}: the one place a Kafka client's properties come
     * from, for the local brokers (SASL_PLAINTEXT with SCRAM, SASL_SSL with {@code security.tls}) and remote
     * clusters alike; over TLS verified against {@link KafkaTls#ca}.
     */
    public KafkaAccess kafka(RideopsConfig config) {
        return new KafkaAccess(
                kafkaBootstrap,
                config.get(Setting.KAFKA_SECURITY_PROTOCOL),
                config.get(Setting.KAFKA_SASL_MECHANISM),
                config.get(Setting.KAFKA_USER),
                config.get(Setting.KAFKA_PASSWORD),
                KafkaTls.ca(config));
    }

    /**
     * Apicurio Registry's v3 REST API for {@code cdc.format: avro}: {@code registry.url}, else the local registry's
     * (https with {@code security.tls}, verified as {@link RestTls#registry} says). Connect's converter writes there
     * and the job reads there, both on this machine for the local stack. The local registry listens on 127.0.0.1 only,
     * so a remote Connect or Flink cannot use it: they need {@code registry.url}.
     */
    public static String registryUrl(RideopsConfig config) {
        String configured = config.get(Setting.REGISTRY_URL);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (Setting remote : new Setting[] {Setting.CONNECT_URL, Setting.FLINK_URL}) {
            String url = config.get(remote);
            if (url != null && !url.isBlank()) {
                throw new UsageException(
                        "cdc.format avro needs registry.url with a remote " + remote.key() + " (" + url
                                + "): the local registry listens on 127.0.0.1 only",
                        "set registry.url to the v3 API of a registry Connect and the job both reach"
                                + " (e.g. http://registry.example:8080/apis/registry/v3), or cdc.format json");
            }
        }
        return RestTls.localUrl(config, config.intValue(Setting.REGISTRY_PORT)) + RegistryService.API_PATH;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
