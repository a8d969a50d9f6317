package dev.rideops.generator.run;

import java.util.Map;

/**
 * The outcome of a run, as {@code rideops generate --json} prints it.
 *
 * @param drivers drivers in the city (with {@code --eps}: as many as the rate needs)
 * @param meanPingIntervalSeconds mean event-time seconds between two pings of one online driver
 * @param riderQuits riders who quit after bad experiences during the run; {@code riderComebacks} came back
 */
public record GeneratorSummary(
        String mode,
        String volume,
        String scenario,
        long seed,
        int targetEps,
        double achievedEps,
        double durationSeconds,
        long rowsTotal,
        Map<String, Long> rowsByTable,
        long commits,
        double meanCommitMs,
        long errors,
        long reconnects,
        int inflightAtEnd,
        boolean stoppedEarly,
        double timeScale,
        int drivers,
        int riders,
        int onlineDriversAtEnd,
        double meanPingIntervalSeconds,
        long requested,
        long riderQuits,
        long riderComebacks,
        long driverQuits,
        long driverComebacks) {}
