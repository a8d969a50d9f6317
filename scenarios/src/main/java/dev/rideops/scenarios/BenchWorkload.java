package dev.rideops.scenarios;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * A repeatable bench run as data ({@code scenarios/bench/*.yaml}): the city (volume preset and load scenario), the
 * rate (a fixed {@code eps} for {@code duration}, or a {@code ramp} FROM:TO:STEP of {@code step} each), a fixed
 * warm-up kept out of the figures (without one, the bench warms up until steady) and the generator's seed. Durations are written like 30s, 10m. Flags override fields.
 */
public record BenchWorkload(
        String name,
        String description,
        String volume,
        String scenario,
        Integer eps,

        @JsonSerialize(using = DurationText.Serializer.class)
        Duration duration,

        String ramp,

        @JsonSerialize(using = DurationText.Serializer.class)
        Duration step,

        @JsonSerialize(using = DurationText.Serializer.class)
        Duration warmup,

        Long seed) {}
