package dev.rideops.cli.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * A map in rideops.yaml of a service's own settings, for what rideops does not model: passed as they are into the
 * service's generated config, after rideops's own (so a key given here wins). Only the file and its profiles set
 * them: their keys are the service's, not rideops's, so they have no environment variable.
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

    static Optional<NativeSection> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
