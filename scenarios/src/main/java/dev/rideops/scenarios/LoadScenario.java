package dev.rideops.scenarios;

/**
 * A disturbance of the city's normal day, applied on top of a volume preset. Every field has a neutral default
 * (multipliers 1, counts and delays 0), so a scenario file names only what it changes. Drivers log on and off
 * towards {@code offlineDriverFraction} at {@code driverChurnMultiplier} times the usual pace.
 *
 * <p>The corrections (shares in [0, 1]) change or delete rows after they were written, which the pipeline must
 * count: {@code refundShare} of paid payments are refunded 10-60 s later, {@code ratingEditShare} of ratings are
 * edited 10-60 s later, {@code withdrawnRequestShare} is the chance at each match attempt that the waiting
 * rider withdraws and the request is deleted, and {@code driverOffboardShare} is the chance per step that an offline
 * driver who never drove has their account deleted.
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
        int dbLatencyJitterMs,
        double refundShare,
        double ratingEditShare,
        double withdrawnRequestShare,
        double driverOffboardShare) {

    public static final LoadScenario STEADY =
            new LoadScenario("steady", "no disturbance", 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);

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
        for (double share : new double[] {refundShare, ratingEditShare, withdrawnRequestShare, driverOffboardShare}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("scenario " + name + ": correction shares must be in [0, 1]");
            }
        }
        if (hotCells < 0 || dbLatencyMs < 0 || dbLatencyJitterMs < 0) {
            throw new IllegalArgumentException("scenario " + name + ": counts and delays must not be negative");
        }
    }

    /** This scenario with its demand multiplied by {@code factor} (a user's override of the preset's demand). */
    public LoadScenario withDemandFactor(double factor) {
        return new LoadScenario(
                name,
                description,
                demandMultiplier * factor,
                hotCells,
                hotCellDemandMultiplier,
                offlineDriverFraction,
                driverChurnMultiplier,
                tripDurationMultiplier,
                riderCancelMultiplier,
                driverCancelMultiplier,
                dbLatencyMs,
                dbLatencyJitterMs,
                refundShare,
                ratingEditShare,
                withdrawnRequestShare,
                driverOffboardShare);
    }
}
