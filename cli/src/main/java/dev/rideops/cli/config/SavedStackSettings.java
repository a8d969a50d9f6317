package dev.rideops.cli.config;

import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Settings a stack's servers were started with, which its later commands follow: left at their defaults they take
 * the value kept in the home's stack.json, which {@code down} keeps (a plain {@code up} after it starts the same
 * stack again; {@code down --purge} or an explicit value changes it). {@code security.tls}, as the servers then take
 * nothing else; {@code cdc.format}, so a {@code deploy} after {@code up --set cdc.format=avro} points the connector at
 * the registry that {@code up} started instead of deploying JSON beside it.
 */
final class SavedStackSettings {

    static final String FROM_STACK = "stack.json (the stack in this home was started with it)";

    private SavedStackSettings() {}

    static void apply(Map<Setting, ConfigValue> values, Path home) {
        Optional<StackSpec> saved = Stack.savedSpec(home);
        if (saved.isEmpty()) {
            return;
        }
        if (saved.get().tls()) {
            keep(values, Setting.SECURITY_TLS, "true");
        }
        // with another registry (registry.url, not kept here) a later command must be told where it is anyway
        if (saved.get().runsRegistry()) {
            keep(values, Setting.CDC_FORMAT, "avro");
        }
    }

    private static void keep(Map<Setting, ConfigValue> values, Setting setting, String value) {
        if (values.get(setting).origin().equals("default")) {
            values.put(setting, new ConfigValue(value, FROM_STACK));
        }
    }
}
