package dev.rideops.generator.sim;

/**
 * The simulated city runs on a compressed clock so a short run shows whole rides: a kilometre takes
 * {@value #SECONDS_PER_KM} seconds to drive, and fares bill {@value #COMPRESSION}x the elapsed time, as if it had
 * passed at real city speed.
 */
final class Timing {

    static final double SECONDS_PER_KM = 12;
    static final double COMPRESSION = 12;
    static final int ACCEPT_DELAY_MIN_S = 2;
    static final int ACCEPT_DELAY_MAX_S = 12;
    static final int RETRY_MATCH_S = 5;
    static final int GIVE_UP_MATCH_S = 60;
    static final int WAIT_AT_PICKUP_MIN_S = 5;
    static final int WAIT_AT_PICKUP_MAX_S = 20;
    static final double MATCH_RADIUS_KM = 5;
    static final double SUPPLY_RADIUS_KM = 2;
    static final int DEMAND_WINDOW_S = 60;

    private Timing() {}

    /** Minutes the rider is billed for a trip that took this long on the compressed clock. */
    static double billedMinutes(double seconds) {
        return seconds * COMPRESSION / 60;
    }
}
