package dev.rideops.cli.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A map of a service's own settings, for what rideops does not model: passed as they are into the service's
 * generated config, after rideops's own (so a key given here wins). Set like any setting, with the section's key in
 * front: in rideops.yaml and its profiles (nested or dotted), {@code --set kafka.properties.num.partitions=3}, or
 * {@code RIDEOPS_KAFKA_PROPERTIES_NUM_PARTITIONS=3} (see {@link #fromEnvName}).
 */
public enum NativeSection {
    KAFKA("kafka", "properties", "Kafka broker properties (server.properties), e.g. num.io.threads: 8"),
    FLINK("flink", "config", "Flink config.yaml keys, e.g. taskmanager.network.memory.fraction: 0.2"),
    SEARCH("search", "settings", "search node settings, e.g. indices.query.bool.max_clause_count: 4096"),
    POSTGRES("postgres", "settings", "PostgreSQL server settings of both clusters, e.g. shared_buffers: 256MB");

    private final String parent;
    private final String child;
    private final String description;

    NativeSection(String parent, String child, String description) {
        this.parent = parent;
        this.child = child;
        this.description = description;
    }

    /** {@code kafka.properties}. */
    public String key() {
        return parent + "." + child;
    }

    String parent() {
        return parent;
    }

    String child() {
        return child;
    }

    public String description() {
        return description;
    }

    /** The description's example as {@code key=value}: {@code num.io.threads=8}. */
    String example() {
        return description.substring(description.indexOf("e.g. ") + 5).replace(": ", "=");
    }

    static Optional<NativeSection> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    /** The section a dotted key such as {@code kafka.properties.num.partitions} falls in, if any. */
    static Optional<NativeSection> containing(String dottedKey) {
        return Arrays.stream(values())
                .filter(s -> dottedKey.startsWith(s.key() + "."))
                .findFirst();
    }

    /** A value as 'config show' and a masked command line show it: masked when the key names a password or secret. */
    public static String shown(String nativeKey, String value) {
        String lower = nativeKey.toLowerCase(Locale.ROOT);
        boolean secret = lower.contains("password") || lower.contains("secret");
        return secret && !value.isEmpty() ? "****" : value;
    }

    /** The service's key in a dotted key of this section: {@code num.partitions}. */
    String nativeKey(String dottedKey) {
        return dottedKey.substring(key().length() + 1);
    }

    /** {@code RIDEOPS_KAFKA_PROPERTIES_}: what the environment variables of this section start with. */
    String envPrefix() {
        return "RIDEOPS_" + parent.toUpperCase(Locale.ROOT) + "_" + child.toUpperCase(Locale.ROOT) + "_";
    }

    /**
     * The service's key in an environment variable's name after {@link #envPrefix()}, by the convention of
     * Confluent's Kafka images: {@code _} is a dot, {@code __} an underscore, {@code ___} a dash
     * ({@code SHARED__BUFFERS} → {@code shared_buffers}, {@code NUM_PARTITIONS} → {@code num.partitions}). An upper
     * case name is lower-cased; one with a lower case letter keeps its case ({@code taskmanager_numberOfTaskSlots}).
     */
    static String fromEnvName(String rest) {
        String key = rest.chars().anyMatch(Character::isLowerCase) ? rest : rest.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < key.length()) {
            if (key.charAt(i) != '_') {
                out.append(key.charAt(i++));
                continue;
            }
            int run = 0;
            while (i < key.length() && key.charAt(i) == '_') {
                run++;
                i++;
            }
            // each group of three is a dash, then two an underscore, one a dot
            out.append("-".repeat(run / 3));
            run %= 3;
            out.append(run == 2 ? "_" : run == 1 ? "." : "");
        }
        return out.toString();
    }
}
