package dev.rideops.generator.run;

import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.VolumeProfile;
import java.time.Duration;

/**
 * One generator run, validated once.
 *
 * @param eps target row changes per second; 0 paces by the preset's sleeps (stream) or runs flat out (seed)
 * @param duration how long to stream; null means until stopped
 * @param history how much past a seed run writes
 */
public record GeneratorSettings(
        Mode mode,
        String volume,
        VolumeProfile profile,
        LoadScenario scenario,
        int eps,
        Duration duration,
        Duration history,
        long seed) {

    public GeneratorSettings {
        if (eps < 0) {
            throw new IllegalArgumentException("--eps must not be negative, was " + eps);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (mode == Mode.SEED && (history == null || history.isNegative() || history.isZero())) {
            throw new IllegalArgumentException("--history must be positive in seed mode");
        }
    }
}
