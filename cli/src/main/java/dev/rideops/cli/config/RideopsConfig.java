package dev.rideops.cli.config;

import dev.rideops.stack.os.CurrentUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The effective configuration of one command run. Immutable; built by {@link ConfigLoader}. */
public final class RideopsConfig {

    private final Map<Setting, ConfigValue> values;
    private final Map<NativeSection, Map<String, ConfigValue>> natives;
    private final ConfigHandover handover;

    RideopsConfig(
            Map<Setting, ConfigValue> values,
            Map<NativeSection, Map<String, ConfigValue>> natives,
            ConfigHandover handover) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        Map<NativeSection, Map<String, ConfigValue>> copy = new EnumMap<>(NativeSection.class);
        for (NativeSection section : NativeSection.values()) {
            copy.put(
                    section, Collections.unmodifiableMap(new LinkedHashMap<>(natives.getOrDefault(section, Map.of()))));
        }
        this.natives = Collections.unmodifiableMap(copy);
        this.handover = handover;
    }

    public String get(Setting setting) {
        return values.get(setting).value();
    }

    public String origin(Setting setting) {
        return values.get(setting).origin();
    }

    public int intValue(Setting setting) {
        return Integer.parseInt(get(setting));
    }

    /** A {@code true}/{@code false} setting (any case, as validated). */
    public boolean flag(Setting setting) {
        return Boolean.parseBoolean(get(setting));
    }

    /** A memory or disk size ({@code 512m}, {@code 2g}) in MiB. */
    public int megabytes(Setting setting) {
        return ValueType.megabytes(get(setting));
    }

    public long bytes(Setting setting) {
        return megabytes(setting) * 1024L * 1024;
    }

    public Path home() {
        return Path.of(get(Setting.HOME));
    }

    /**
     * Whether this command works on root's stack: run by root, or by one of its background services (a complete
     * hand-over, {@link #completeHandover}), which must see the stack as root does (where its files are, that its
     * servers run as their own users).
     */
    public boolean rootsStack() {
        return CurrentUser.isRoot() || handover.complete();
    }

    /** The config file that was read, if any. */
    public Optional<Path> file() {
        return handover.file();
    }

    /** What a rideops process this one starts needs to load this same config (it holds secrets: never log it). */
    public ConfigHandover handover() {
        return handover;
    }

    /**
     * This config as a complete hand-over ({@link ConfigHandover#complete}), for a background service that runs as its
     * own user: every setting that is not the default, the home always (its default is relative to the user's home),
     * each as a flag named after where it came from. Not the profile and the port offset: their effect is in the
     * values already, and they would apply twice. Not the native settings: they configure the servers.
     */
    public ConfigHandover completeHandover() {
        List<FlagValue> flags = new ArrayList<>();
        values.forEach((setting, value) -> {
            boolean applied = setting == Setting.PROFILE || setting == Setting.STACK_PORT_OFFSET;
            if (!applied && (setting == Setting.HOME || !value.origin().equals("default"))) {
                flags.add(new FlagValue(setting, value.value(), handedOver(value)));
            }
        });
        return ConfigHandover.complete(handover.workingDir(), flags);
    }

    private static String handedOver(ConfigValue value) {
        return "handed over (" + value.origin() + ")";
    }

    public Map<Setting, ConfigValue> all() {
        return values;
    }

    /** A service's own settings ({@code kafka.properties}, ...) with their origins, in the file's order. */
    public Map<String, ConfigValue> nativeSettings(NativeSection section) {
        return natives.get(section);
    }

    /** The same, values only: what goes into the service's config. */
    public Map<String, String> nativeValues(NativeSection section) {
        Map<String, String> result = new LinkedHashMap<>();
        natives.get(section).forEach((k, v) -> result.put(k, v.value()));
        return result;
    }

    /** This config with one setting changed for a step of this command ({@code why} is shown as its origin). */
    public RideopsConfig with(Setting setting, String value, String why) {
        Map<Setting, ConfigValue> changed = new EnumMap<>(values);
        changed.put(setting, new ConfigValue(value, why));
        return new RideopsConfig(changed, natives, handover);
    }

    /**
     * This config with every password the user did not set generated into {@code $RIDEOPS_HOME/secrets}, for the
     * commands that set up the stack and its roles; the others read the files that exist.
     */
    public RideopsConfig withGeneratedSecrets() {
        return new RideopsConfig(GeneratedSecrets.generateMissing(values, home()), natives, handover);
    }

    /**
     * This config with the given passwords generated if unset: for a server that asks for its own login (the
     * dashboard, the exporter) run on its own, without generating the database roles' passwords it never uses.
     */
    public RideopsConfig withGeneratedSecrets(Setting... only) {
        return new RideopsConfig(GeneratedSecrets.generateMissing(values, home(), List.of(only)), natives, handover);
    }
}
