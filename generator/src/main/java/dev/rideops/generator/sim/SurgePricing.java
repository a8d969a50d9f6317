package dev.rideops.generator.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Surge from demand and supply around a pickup cell: 1.0 while available drivers cover the recent requests, then
 * rising with the shortfall per driver, in steps of 0.1, capped at {@value #MAX}.
 */
public final class SurgePricing {

    static final double MAX = 3.0;
    private static final double SLOPE = 0.5;

    private SurgePricing() {}

    /**
     * @param demand requests in the cell within the recent window, this one included
     * @param supply available drivers near the cell
     */
    public static BigDecimal multiplier(int demand, int supply) {
        double shortfall = Math.max(0, demand - supply);
        double surge = Math.min(MAX, 1.0 + SLOPE * shortfall / (supply + 1));
        return BigDecimal.valueOf(surge).setScale(1, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY);
    }
}
