package dev.rideops.generator.sim;

import java.util.Random;

/** How many of a rare event happen in a span, given how many are expected. */
final class Poisson {

    private Poisson() {}

    static int sample(Random random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            // normal approximation, plenty for counts this large
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
