package dev.rideops.cli.env;

import dev.rideops.cli.config.DatabaseTls;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RestTls;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.SearchLogins;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.config.SourceDbs;
import dev.rideops.cli.error.UsageException;
import dev.rideops.clients.kafka.KafkaAccess;
import dev.rideops.contract.PostgresTls;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The endpoints of a stack as environment variables, for {@code eval "$(rideops env)"}: where each service
 * answers (the configured remote URLs, else the local stack's ports) and where each password is set, never the
 * password. Only {@code RIDEOPS_HOME} is also a rideops setting, on purpose: later rideops commands in that shell
 * talk to the same stack. No other name is a {@code RIDEOPS_<KEY>} override, so the export pins nothing else.
 */
public final class StackEnvironment {

    private StackEnvironment() {}

    /** @param local the local stack's spec (the one running in the home, else the config's) */
    public static Map<String, String> variables(RideopsConfig config, StackSpec local) {
        Endpoints endpoints = Endpoints.from(config, local);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("RIDEOPS_HOME", config.home().toString());
        v.put("RIDEOPS_SOURCE_JDBC_URL", SourceDbs.from(config).url());
        v.put("RIDEOPS_SOURCE_DB_USER", config.get(Setting.SOURCE_USER));
        v.put("RIDEOPS_SOURCE_DB_PASSWORD_FROM", whereSet(config, Setting.SOURCE_PASSWORD));
        v.put("RIDEOPS_REPORTING_JDBC_URL", endpoints.reportingJdbcUrl());
        v.put("RIDEOPS_REPORTING_DB_USER", config.get(Setting.REPORTING_USER));
        v.put("RIDEOPS_REPORTING_DB_PASSWORD_FROM", whereSet(config, Setting.REPORTING_PASSWORD));
        // libpq's own variables, so psql verifies the databases' TLS as rideops's clients do
        PostgresTls tls = DatabaseTls.of(config);
        if (!tls.sslmode().isEmpty()) {
            v.put("PGSSLMODE", tls.sslmode());
        }
        if (!tls.rootCert().isEmpty()) {
            v.put("PGSSLROOTCERT", tls.rootCert());
        }
        v.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrap());
        // how Kafka's own tools log in (a --command-config file: README, "Kafka users and ACLs")
        v.put("KAFKA_SECURITY_PROTOCOL", config.get(Setting.KAFKA_SECURITY_PROTOCOL));
        if (config.get(Setting.KAFKA_SECURITY_PROTOCOL).startsWith("SASL_")) {
            v.put("KAFKA_SASL_MECHANISM", config.get(Setting.KAFKA_SASL_MECHANISM));
            v.put("KAFKA_USER", config.get(Setting.KAFKA_USER));
            v.put("KAFKA_PASSWORD_FROM", whereSet(config, Setting.KAFKA_PASSWORD));
        }
        KafkaAccess kafka = endpoints.kafka(config);
        if (kafka.tls() && !kafka.sslCa().isEmpty()) {
            // for that file too: ssl.truststore.type=PEM, ssl.truststore.location=$KAFKA_SSL_CA
            v.put("KAFKA_SSL_CA", kafka.sslCa());
        }
        v.put("CONNECT_URL", endpoints.connectUrl());
        if (endpoints.connectTls() != null) {
            // https verified against this CA: curl --cacert "$CONNECT_SSL_CA"
            v.put("CONNECT_SSL_CA", endpoints.connectTls().truststore().file().toString());
        }
        v.put("CONNECT_USER", config.get(Setting.CONNECT_USER));
        v.put("CONNECT_PASSWORD_FROM", whereSet(config, Setting.CONNECT_PASSWORD));
        v.put("FLINK_URL", endpoints.flinkUrl());
        if (config.get(Setting.FLINK_URL).isBlank()) {
            // the local REST API asks for mutual TLS: curl --cacert "$FLINK_CA_CERT" --cert "$FLINK_CLIENT_CERT"
            Secrets secrets = new Secrets(config.home());
            v.put("FLINK_CA_CERT", secrets.file(FlinkRestCertificates.CA_PEM).toString());
            v.put(
                    "FLINK_CLIENT_CERT",
                    secrets.file(FlinkRestCertificates.CLIENT_PEM).toString());
        }
        v.put("SEARCH_URL", endpoints.searchUrl());
        if (endpoints.searchTls() != null) {
            v.put("SEARCH_SSL_CA", endpoints.searchTls().truststore().file().toString());
        }
        if (config.get(Setting.CDC_FORMAT).equals("avro")) {
            registry(config, v);
        }
        // a shell's reads need no more than the read-only user
        SearchLogins.Login searchReader = SearchLogins.reader(config);
        if (!searchReader.user().isEmpty()) {
            v.put("SEARCH_USER", searchReader.user());
            v.put("SEARCH_PASSWORD_FROM", whereSet(config, searchReader.passwordSetting()));
        }
        boolean remotePrometheus =
                !config.get(Setting.MONITORING_PROMETHEUS_URL).isBlank();
        if (remotePrometheus || local.monitoring().runsPrometheus()) {
            v.put("PROMETHEUS_URL", endpoints.prometheusUrl());
        }
        if (!remotePrometheus && local.monitoring().runsAlertmanager()) {
            v.put("ALERTMANAGER_URL", "http://127.0.0.1:" + local.monitoring().alertmanagerPort());
        }
        if (!remotePrometheus && local.monitoring().runsExporter()) {
            v.put("EXPORTER_URL", "http://127.0.0.1:" + local.monitoring().exporterPort() + "/metrics");
            v.put("EXPORTER_USER", config.get(Setting.MONITORING_EXPORTER_USER));
            v.put("EXPORTER_PASSWORD_FROM", whereSet(config, Setting.MONITORING_EXPORTER_PASSWORD));
        }
        v.put("DASHBOARD_URL", "http://127.0.0.1:" + local.dashboard().port() + "/");
        v.put("DASHBOARD_USER", config.get(Setting.DASHBOARD_USER));
        v.put("DASHBOARD_PASSWORD_FROM", whereSet(config, Setting.DASHBOARD_PASSWORD));
        return v;
    }

    /** The registry the converter writes to, read as the job's user, who may only read schemas. */
    private static void registry(RideopsConfig config, Map<String, String> v) {
        String registryUrl;
        try {
            registryUrl = Endpoints.registryUrl(config);
        } catch (UsageException remoteWithoutRegistry) {
            // a remote Connect or Flink and no registry.url: deploy says what to set, env shows what there is
            return;
        }
        v.put("REGISTRY_URL", registryUrl);
        String registryCa = RestTls.registryCa(config, registryUrl);
        if (!registryCa.isEmpty()) {
            v.put("REGISTRY_SSL_CA", registryCa);
        }
        v.put("REGISTRY_USER", config.get(Setting.REGISTRY_JOB_USER));
        v.put("REGISTRY_PASSWORD_FROM", whereSet(config, Setting.REGISTRY_JOB_PASSWORD));
    }

    /** Where a secret's value comes from, and the setting that changes it: never the value itself. */
    public static String whereSet(RideopsConfig config, Setting secret) {
        String origin = config.origin(secret);
        String from = origin.equals("default") ? "the built-in default" : origin;
        return from + " (setting " + secret.key() + ", env " + secret.envName() + ")";
    }
}
