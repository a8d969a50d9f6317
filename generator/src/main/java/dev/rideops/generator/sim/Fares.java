package dev.rideops.generator.sim;

import dev.rideops.generator.model.VehicleType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The tariff: base + distance + time, times surge, less any promotion, never below the class's minimum fare. */
public final class Fares {

    private Fares() {}

    public static BigDecimal fare(
            VehicleType type, double distanceKm, double minutes, BigDecimal surge, int promoPercent) {
        BigDecimal raw = type.baseFare()
                .add(type.perKm().multiply(BigDecimal.valueOf(distanceKm)))
                .add(type.perMinute().multiply(BigDecimal.valueOf(minutes)))
                .multiply(surge);
        BigDecimal discounted =
                raw.multiply(BigDecimal.valueOf(100 - promoPercent)).divide(BigDecimal.valueOf(100));
        return discounted.max(type.minFare()).setScale(2, RoundingMode.HALF_UP);
    }
}
