package dev.rideops.generator.run;

import java.util.Map;

/**
 * The outcome of a run, as {@code rideops generate --json} prints it.
 *
 * @param drivers drivers in the city (with {@code --eps}: as many as the rate needs)
 * @param meanPingIntervalSeconds mean event-time seconds between two pings of one online driver
 * @param riderQuits riders who quit after bad experiences during the run; {@code riderComebacks} came back
 * @param localHour the hour on the city's clock when the run reached now (a stream's start, a seed's end)
 * @param localClock "wall" (the wall clock's hour, UTC+7) or "fixed" (a stated hour of a Wednesday, {@link
 *     LocalHour})
 * @param setupRows rows committed before the rate counts: the sign-ups that fill (or, with {@code --eps}, grow) the
 *     city, and the status fixes of drivers it adopted; after a stop during them, only those written
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
        long driverComebacks,
        int localHour,
        String localClock,
        int setupRows) {}
