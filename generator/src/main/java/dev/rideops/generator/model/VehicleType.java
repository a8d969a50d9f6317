package dev.rideops.generator.model;

import java.math.BigDecimal;

/** Vehicle classes and their tariffs; the same figures as the {@code vehicle_types} reference table. */
public enum VehicleType {
    BIKE("0.50", "0.30", "0.05", "1.00", 0.5),
    CAR("1.00", "0.60", "0.10", "2.50", 0.4),
    CAR_XL("1.50", "0.90", "0.15", "4.00", 0.1);

    private final BigDecimal baseFare;
    private final BigDecimal perKm;
    private final BigDecimal perMinute;
    private final BigDecimal minFare;
    private final double share;

    VehicleType(String baseFare, String perKm, String perMinute, String minFare, double share) {
        this.baseFare = new BigDecimal(baseFare);
        this.perKm = new BigDecimal(perKm);
        this.perMinute = new BigDecimal(perMinute);
        this.minFare = new BigDecimal(minFare);
        this.share = share;
    }

    public BigDecimal baseFare() {
        return baseFare;
    }

    public BigDecimal perKm() {
        return perKm;
    }

    public BigDecimal perMinute() {
        return perMinute;
    }

    public BigDecimal minFare() {
        return minFare;
    }

    /** Share of drivers and of requests for this class. */
    public double share() {
        return share;
    }

    /** Picks a class by share from a uniform number in [0, 1). */
    public static VehicleType byShare(double uniform) {
        double cumulative = 0;
        for (VehicleType t : values()) {
            cumulative += t.share;
            if (uniform < cumulative) {
                return t;
            }
        }
        return CAR_XL;
    }
}
