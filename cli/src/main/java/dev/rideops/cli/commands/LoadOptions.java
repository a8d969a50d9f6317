package dev.rideops.cli.commands;

import dev.rideops.cli.error.UsageException;
import dev.rideops.scenarios.Volume;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** {@code --volume} and {@code --seed}: the city the in-process generator plays under 'bench' and 'chaos'. */
public final class LoadOptions {

    static final String DEFAULT_VOLUME = "large";
    static final long DEFAULT_SEED = 42L;

    /** Not a picocli enum: a bad --volume reads like a bad workload volume, and only after the rate checks. */
    @Option(
            names = "--volume",
            paramLabel = "tiny|small|medium|large",
            description = "The city size the generator plays (default " + DEFAULT_VOLUME + ").")
    String volume;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "The generator's seed, so a run can be repeated (default " + DEFAULT_SEED + ").")
    Long seed;

    /** The flag's volume, else {@code fallback} (a workload's), else large; {@code fix} says where to look. */
    Volume volume(String fallback, String fix) {
        String name = volume != null ? volume : fallback != null ? fallback : DEFAULT_VOLUME;
        try {
            return Volume.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "unknown volume '" + name + "'; known: "
                            + Stream.of(Volume.values()).map(Volume::toString).collect(Collectors.joining(", ")),
                    fix);
        }
    }

    /** The flag's seed, else {@code fallback} (a workload's), else 42. */
    long seed(Long fallback) {
        return seed != null ? seed : fallback != null ? fallback : DEFAULT_SEED;
    }
}
