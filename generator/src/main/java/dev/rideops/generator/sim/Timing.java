package dev.rideops.generator.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * The city's clock. At time scale 1 (the default) event time runs at real speed: a kilometre takes as long as city
 * traffic needs, a driver takes seconds to accept and minutes to arrive. At time scale N everything that takes time
 * in the city (accepting, driving, waiting, trips, how often people ride, sign up, quit and come back) happens N
 * times faster in event time, and fares bill the city's time (N times what elapsed). Two things keep event time: the
 * hour of the day (demand curve, shifts) and the ping interval of an online driver's phone.
 *
 * <p>The hour of the day is read on the city's local clock, which is the wall clock unless the run set its hour
 * ({@code --local-hour}): then it is shifted by a fixed span, so a load run at 3 am can play the evening peak. Only
 * what the hour means to the city moves; event times written to the source stay the wall clock's.
 */
public final class Timing {

    /** Today's compressed clock, for tests and integration runs that need whole rides within a minute. */
    public static final double COMPRESSED = 12;

    /** Seconds between location pings of one online driver, on average (the driver app's few seconds). */
    public static final double PING_INTERVAL_S = 4;

    static final double MATCH_RADIUS_KM = 5;
    static final double SUPPLY_RADIUS_KM = 2;
    /** Rides requested per online driver-hour the city is sized for (drivers busy about half the time). */
    static final double TRIPS_PER_ONLINE_HOUR = 1.1;

    private static final double ACCEPT_DELAY_MIN_S = 3;
    private static final double ACCEPT_DELAY_MAX_S = 25;
    private static final double RETRY_MATCH_S = 15;
    private static final double GIVE_UP_MATCH_S = 180;
    private static final double WAIT_AT_PICKUP_MIN_S = 20;
    private static final double WAIT_AT_PICKUP_MAX_S = 150;
    private static final double DEMAND_WINDOW_S = 600;

    private final double scale;
    private final Duration localShift;

    public Timing(double scale) {
        this(scale, Duration.ZERO);
    }

    /** @param localShift what to add to an event time to get the moment whose local hour the city lives in */
    public Timing(double scale, Duration localShift) {
        if (!(scale >= 1 && scale <= 3600)) {
            throw new IllegalArgumentException("--time-scale must be between 1 and 3600, was " + scale);
        }
        this.scale = scale;
        this.localShift = localShift;
    }

    public static Timing realTime() {
        return new Timing(1);
    }

    public double scale() {
        return scale;
    }

    /** The moment whose local time of day and weekday the city lives in at an event time. */
    Instant cityTime(Instant eventTime) {
        return eventTime.plus(localShift);
    }

    /** The event time at which the city's clock shows a moment. */
    Instant eventTime(Instant cityTime) {
        return cityTime.minus(localShift);
    }

    /** Event-time milliseconds for a span of city seconds. */
    long eventMillis(double citySeconds) {
        return Math.max(1, Math.round(citySeconds * 1000 / scale));
    }

    /** City seconds for a span of event time. */
    double citySeconds(double eventSeconds) {
        return eventSeconds * scale;
    }

    /** Event-time milliseconds to drive a distance in the traffic of that moment. */
    long driveMillis(double km, Instant at) {
        return eventMillis(km / DayCurve.trafficSpeedKmh(cityTime(at)) * 3600);
    }

    /** The speed a ping reports: the city's, not the compressed clock's. */
    double citySpeedKmh(double eventSpeedKmh) {
        return eventSpeedKmh / scale;
    }

    double acceptDelayMin() {
        return ACCEPT_DELAY_MIN_S;
    }

    double acceptDelayMax() {
        return ACCEPT_DELAY_MAX_S;
    }

    long retryMatchMillis() {
        return eventMillis(RETRY_MATCH_S);
    }

    /** Whether a request waiting since then has waited long enough for the system to give up. */
    boolean gaveUp(Instant requestedAt, Instant now) {
        return now.toEpochMilli() - requestedAt.toEpochMilli() >= eventMillis(GIVE_UP_MATCH_S);
    }

    double waitAtPickupMin() {
        return WAIT_AT_PICKUP_MIN_S;
    }

    double waitAtPickupMax() {
        return WAIT_AT_PICKUP_MAX_S;
    }

    long demandWindowMillis() {
        return eventMillis(DEMAND_WINDOW_S);
    }

    /** Minutes the rider is billed for a trip that took this long in event time. */
    double billedMinutes(double eventSeconds) {
        return eventSeconds * scale / 60;
    }
}
