package dev.rideops.scenarios;

/**
 * A repeatable bench run as data ({@code scenarios/bench/*.yaml}): the city (volume preset and load scenario), the
 * rate (a fixed {@code eps} for {@code duration}, or a {@code ramp} FROM:TO:STEP of {@code step} each), the warm-up
 * kept out of the figures and the generator's seed. Durations are written like 30s, 10m. Flags override fields.
 */
public record BenchWorkload(
        String name,
        String description,
        String volume,
        String scenario,
        Integer eps,
        String duration,
        String ramp,
        String step,
        String warmup,
        Long seed) {}
