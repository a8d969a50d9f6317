package dev.rideops.cli.commands;

import dev.rideops.cli.config.GeneratedSecrets;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.MemoryInfo;
import dev.rideops.stack.secrets.Secrets;
import java.nio.file.Path;

/** Builds the {@link Stack} a command works on, from the config or from what the last {@code up} started. */
final class Stacks {

    private Stacks() {}

    /** The stack the config describes (for {@code up} and {@code preflight}). */
    static StackSpec specFromConfig(RideopsConfig config) {
        return StackSpecs.from(
                config,
                RuntimeLayout.locate(),
                () -> MemoryInfo.availableMb(Path.of("/proc")).orElse(0),
                Runtime.getRuntime().availableProcessors(),
                Executables.fromEnvironment());
    }

    /** The stack started in this home, else the one the config describes (for status, down, logs). */
    static Stack current(RideopsConfig config) {
        StackSpec spec = Stack.savedSpec(config.home()).orElseGet(() -> specFromConfig(config));
        return of(spec, config);
    }

    /**
     * The stack for {@code start} and {@code restart}: the one started in this home, but with the config's native
     * service settings ({@code kafka.properties}, ...) when they are all that changed, so a restart applies an edit
     * to them. Any other change (ports, counts) needs {@code down} and {@code up}, as {@code up} says.
     */
    static Stack forServiceControl(RideopsConfig config) {
        StackSpec wanted = specFromConfig(config);
        StackSpec spec = Stack.savedSpec(config.home())
                .map(saved ->
                        saved.withNativeProperties(wanted.nativeProperties()).equals(wanted) ? wanted : saved)
                .orElse(wanted);
        return of(spec, config);
    }

    /**
     * The stack of a spec, its services given the passwords the config holds: the user's when set, else the home's
     * generated ones (which a stack started without a config generates itself).
     */
    static Stack of(StackSpec spec, RideopsConfig config) {
        Secrets stored = new Secrets(spec.home());
        return new Stack(spec, config.rootsStack(), name -> {
            String value = config.get(GeneratedSecrets.settingOf(name));
            return value.isEmpty() ? stored.getOrCreate(name) : value;
        });
    }
}
