package dev.rideops.generator.run;

import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.VolumeProfile;
import java.time.Duration;

/**
 * One generator run, validated once.
 *
 * @param eps target row changes per second; 0 paces by the preset's sleeps (stream) or runs flat out (seed). The city
 *     is resized (drivers and riders) to make about that many, not pinged faster
 * @param duration how long to stream; null means until stopped
 * @param history how much past a seed run writes
 * @param timeScale how many times faster than real time the city runs (1: real speed; 12: the old compressed clock)
 * @param pingIntervalSeconds mean seconds between two location pings of one online driver
 * @param localHour the city's clock; null: {@link LocalHour#defaultFor} (the busy hour for a stream with a target
 *     rate, else the wall clock)
 */
public record GeneratorSettings(
        Mode mode,
        String volume,
        VolumeProfile profile,
        LoadScenario scenario,
        int eps,
        Duration duration,
        Duration history,
        long seed,
        double timeScale,
        double pingIntervalSeconds,
        LocalHour localHour) {

    public static final double DEFAULT_PING_INTERVAL_S = dev.rideops.generator.sim.Timing.PING_INTERVAL_S;

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
        checkTimeScale(timeScale);
        if (!(pingIntervalSeconds >= 0.1 && pingIntervalSeconds <= 600)) {
            throw new IllegalArgumentException(
                    "the ping interval must be between 0.1 and 600 seconds, was " + pingIntervalSeconds);
        }
        if (localHour == null) {
            localHour = LocalHour.defaultFor(mode, eps);
        }
    }

    /** The range of {@code --time-scale}; {@code up} checks it before it starts anything. */
    public static void checkTimeScale(double timeScale) {
        if (!(timeScale >= 1 && timeScale <= 3600)) {
            throw new IllegalArgumentException("--time-scale must be between 1 and 3600, was " + timeScale);
        }
    }

    /** A run at real speed with the usual ping interval and the default city clock. */
    public GeneratorSettings(
            Mode mode,
            String volume,
            VolumeProfile profile,
            LoadScenario scenario,
            int eps,
            Duration duration,
            Duration history,
            long seed) {
        this(mode, volume, profile, scenario, eps, duration, history, seed, 1, DEFAULT_PING_INTERVAL_S, null);
    }

    /** The same city at another rate, duration and mode (the bench's steps, the seed before a stream). */
    public GeneratorSettings with(Mode newMode, int newEps, Duration newDuration, Duration newHistory) {
        return new GeneratorSettings(
                newMode,
                volume,
                profile,
                scenario,
                newEps,
                newDuration,
                newHistory,
                seed,
                timeScale,
                pingIntervalSeconds,
                localHour);
    }
}
