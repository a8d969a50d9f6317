package dev.rideops.cli.config;

/**
 * A setting given on the command line, with the flag that gave it, e.g. {@code --brokers}: one of rideops's own
 * ({@code setting}) or one key of a service's native map ({@code section} and {@code nativeKey}, from {@code --set
 * kafka.properties.num.partitions=3}); the other is null.
 */
public record FlagValue(Setting setting, NativeSection section, String nativeKey, String value, String flag) {

    public FlagValue(Setting setting, String value, String flag) {
        this(setting, null, null, value, flag);
    }

    /** {@code --set kafka.properties.KEY=VALUE}. */
    public static FlagValue ofNative(NativeSection section, String key, String value, String flag) {
        return new FlagValue(null, section, key, value, flag);
    }

    /** The dotted key as written: {@code source.port}, {@code kafka.properties.num.partitions}. */
    public String key() {
        return setting != null ? setting.key() : section.key() + "." + nativeKey;
    }
}
