package dev.rideops.cli.bench;

import java.time.Duration;

/**
 * How a step warms up at its rate before its figures are taken (warm-up intervals are reported, but kept out of
 * the step's figures): for a fixed time ({@code --warmup D}), or until {@link SteadyRule} holds, at most a bound
 * ({@code --max-warmup D}, the default).
 */
public sealed interface Warmup {

    /** The longest it can last. */
    Duration bound();

    /** As the progress lines and result.json's config show it. */
    String describe();

    record Fixed(Duration length) implements Warmup {
        @Override
        public Duration bound() {
            return length;
        }

        @Override
        public String describe() {
            return "fixed, " + length.toSeconds() + " s";
        }
    }

    record UntilSteady(Duration max) implements Warmup {
        @Override
        public Duration bound() {
            return max;
        }

        @Override
        public String describe() {
            return "until steady, at most " + max.toSeconds() + " s";
        }
    }
}
