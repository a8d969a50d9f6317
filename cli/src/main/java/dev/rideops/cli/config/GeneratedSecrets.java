package dev.rideops.cli.config;

import dev.rideops.stack.secrets.Secrets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The password settings rideops generates when the user sets none, and the secret file each lives in. A password
 * the user sets (file, environment, flag) is used as it is and never written down.
 */
public final class GeneratedSecrets {

    private static final Map<Setting, String> FILES = new EnumMap<>(Map.ofEntries(
            Map.entry(Setting.POSTGRES_ADMIN_PASSWORD, Secrets.POSTGRES_ADMIN),
            Map.entry(Setting.SOURCE_PASSWORD, Secrets.SOURCE_WRITER),
            Map.entry(Setting.CONNECTOR_DATABASE_PASSWORD, Secrets.CDC),
            Map.entry(Setting.REPORTING_PASSWORD, Secrets.MART_WRITER),
            Map.entry(Setting.READER_PASSWORD, Secrets.READER),
            Map.entry(Setting.DASHBOARD_PASSWORD, Secrets.DASHBOARD),
            Map.entry(Setting.MONITORING_EXPORTER_PASSWORD, Secrets.EXPORTER),
            Map.entry(Setting.MONITORING_JMX_PASSWORD, Secrets.JMX_EXPORTER),
            Map.entry(Setting.SEARCH_PASSWORD, Secrets.SEARCH_ADMIN),
            Map.entry(Setting.SEARCH_WRITER_PASSWORD, Secrets.SEARCH_WRITER),
            Map.entry(Setting.SEARCH_READER_PASSWORD, Secrets.SEARCH_READER),
            Map.entry(Setting.CONNECT_PASSWORD, Secrets.CONNECT),
            Map.entry(Setting.KAFKA_ADMIN_PASSWORD, Secrets.KAFKA_ADMIN),
            Map.entry(Setting.KAFKA_PASSWORD, Secrets.KAFKA_RIDEOPS),
            Map.entry(Setting.KAFKA_CONNECT_PASSWORD, Secrets.KAFKA_CONNECT),
            Map.entry(Setting.KAFKA_JOB_PASSWORD, Secrets.KAFKA_JOB),
            Map.entry(Setting.REGISTRY_CONNECT_PASSWORD, Secrets.REGISTRY_CONNECT),
            Map.entry(Setting.REGISTRY_JOB_PASSWORD, Secrets.REGISTRY_JOB),
            Map.entry(Setting.FLINK_CLIENT_KEYSTORE_PASSWORD, Secrets.FLINK_REST_CLIENT),
            Map.entry(Setting.FLINK_TRUSTSTORE_PASSWORD, Secrets.FLINK_REST_TRUSTSTORE)));

    private static final String DEFAULT = "default";

    private GeneratedSecrets() {}

    /** The secret file a setting falls back to, if it is one of the generated passwords. */
    public static Optional<String> secretName(Setting setting) {
        return Optional.ofNullable(FILES.get(setting));
    }

    /** The setting whose value a secret file stands for. */
    public static Setting settingOf(String secretName) {
        return FILES.entrySet().stream()
                .filter(e -> e.getValue().equals(secretName))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting for the secret " + secretName));
    }

    /** Fills the passwords the user did not set from the secret files that exist; generates none. */
    static void readStored(Map<Setting, ConfigValue> values, Path home) {
        Secrets secrets = new Secrets(home);
        FILES.forEach((setting, name) -> {
            if (values.get(setting).origin().equals(DEFAULT)) {
                secrets.read(name).ifPresent(v -> values.put(setting, stored(secrets, name, v)));
            }
        });
    }

    /** The config with every password the user did not set generated (once; later runs read the same files). */
    static Map<Setting, ConfigValue> generateMissing(Map<Setting, ConfigValue> current, Path home) {
        return generateMissing(current, home, FILES.keySet());
    }

    /** The same for some of them only (a server run on its own generates just its login). */
    static Map<Setting, ConfigValue> generateMissing(
            Map<Setting, ConfigValue> current, Path home, Collection<Setting> which) {
        Map<Setting, ConfigValue> values = new EnumMap<>(current);
        Secrets secrets = new Secrets(home);
        for (Setting setting : which) {
            String name = secretName(setting)
                    .orElseThrow(() -> new IllegalArgumentException(setting.key() + " is not a generated password"));
            if (values.get(setting).origin().equals(DEFAULT)) {
                values.put(setting, stored(secrets, name, secrets.getOrCreate(name)));
            }
        }
        return values;
    }

    private static ConfigValue stored(Secrets secrets, String name, String value) {
        return new ConfigValue(value, "secret " + secrets.file(name));
    }
}
