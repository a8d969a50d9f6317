package dev.rideops.scenarios;

/**
 * A disturbance of the city's normal day, applied on top of a volume preset. Every field has a neutral default
 * (multipliers 1, counts and delays 0), so a scenario file names only what it changes. Drivers log on and off
 * towards {@code offlineDriverFraction} at {@code driverChurnMultiplier} times the usual pace.
 */
public record LoadScenario(
        String name,
        String description,
        double demandMultiplier,
        int hotCells,
        double hotCellDemandMultiplier,
        double offlineDriverFraction,
        double driverChurnMultiplier,
        double tripDurationMultiplier,
        double riderCancelMultiplier,
        double driverCancelMultiplier,
        int dbLatencyMs,
        int dbLatencyJitterMs) {

    public static final LoadScenario STEADY =
            new LoadScenario("steady", "no disturbance", 1, 0, 1, 0, 1, 1, 1, 1, 0, 0);

    public LoadScenario {
        if (demandMultiplier <= 0
                || hotCellDemandMultiplier <= 0
                || driverChurnMultiplier <= 0
                || tripDurationMultiplier <= 0
                || riderCancelMultiplier < 0
                || driverCancelMultiplier < 0) {
            throw new IllegalArgumentException("scenario " + name + ": multipliers must be positive");
        }
        if (offlineDriverFraction < 0 || offlineDriverFraction >= 1) {
            throw new IllegalArgumentException("scenario " + name + ": offline_driver_fraction must be in [0, 1)");
        }
        if (hotCells < 0 || dbLatencyMs < 0 || dbLatencyJitterMs < 0) {
            throw new IllegalArgumentException("scenario " + name + ": counts and delays must not be negative");
        }
    }
}
