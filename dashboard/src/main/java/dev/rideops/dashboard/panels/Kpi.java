package dev.rideops.dashboard.panels;

import dev.rideops.dashboard.panels.Panel.Group;

/**
 * The bucket KPIs of docs/KPI_CATALOGUE.md, in its order, with a title and unit for people. Each is a column of
 * {@code mart.v_kpi} (reporting migration V4), which {@code v_kpi_minute} and {@code v_kpi_hour} select; a test keeps them equal.
 */
enum Kpi {
    RIDES_REQUESTED("Rides requested", Group.PASSENGER, Unit.COUNT),
    RIDES_CANCELLED_BY_RIDER("Rides cancelled by riders", Group.PASSENGER, Unit.COUNT),
    AVG_ACCEPT_TIME_SEC("Mean time to accept", Group.PASSENGER, Unit.SECONDS),
    AVG_PICKUP_WAIT_SEC("Mean pickup wait", Group.PASSENGER, Unit.SECONDS),
    AVG_FARE("Mean fare", Group.PASSENGER, Unit.MONEY),
    AVG_ESTIMATED_FARE("Mean estimated fare", Group.PASSENGER, Unit.MONEY),
    PROMO_RIDES("Rides with a promotion", Group.PASSENGER, Unit.COUNT),
    ACTIVE_RIDERS("Riders requesting", Group.PASSENGER, Unit.COUNT),
    RATINGS("Ratings", Group.PASSENGER, Unit.COUNT),
    AVG_DRIVER_RATING("Mean rating of drivers", Group.PASSENGER, Unit.STARS),
    PAYMENTS("Payments", Group.PASSENGER, Unit.COUNT),
    PAYMENTS_FAILED("Failed payments", Group.PASSENGER, Unit.COUNT),
    PAYMENTS_COLLECTED("Payments collected", Group.PASSENGER, Unit.MONEY),
    RIDES_ACCEPTED("Rides accepted", Group.DRIVER, Unit.COUNT),
    RIDES_CANCELLED_BY_DRIVER("Rides cancelled by drivers", Group.DRIVER, Unit.COUNT),
    ACTIVE_DRIVERS("Active drivers (pinging)", Group.DRIVER, Unit.COUNT),
    DRIVER_LOCATION_UPDATES("Location updates", Group.DRIVER, Unit.COUNT),
    AVG_DRIVER_SPEED_KMH("Mean driver speed", Group.DRIVER, Unit.KMH),
    COMPLETING_DRIVERS("Drivers completing rides", Group.DRIVER, Unit.COUNT),
    TRIPS_PER_DRIVER("Trips per completing driver", Group.DRIVER, Unit.COUNT),
    DRIVER_EARNINGS("Driver earnings", Group.DRIVER, Unit.MONEY),
    AVG_RIDER_RATING("Mean rating of riders", Group.DRIVER, Unit.STARS),
    RIDES_STARTED("Rides started", Group.OPERATION, Unit.COUNT),
    RIDES_COMPLETED("Rides completed", Group.OPERATION, Unit.COUNT),
    RIDES_CANCELLED("Rides cancelled", Group.OPERATION, Unit.COUNT),
    RIDES_CANCELLED_BY_SYSTEM("Rides cancelled by the system", Group.OPERATION, Unit.COUNT),
    GMV("GMV", Group.OPERATION, Unit.MONEY),
    PLATFORM_REVENUE("Platform revenue", Group.OPERATION, Unit.MONEY),
    MATCH_RATE("Match rate", Group.OPERATION, Unit.RATIO),
    CANCEL_RATE("Cancel rate", Group.OPERATION, Unit.RATIO),
    COMPLETION_RATE("Completion rate", Group.OPERATION, Unit.RATIO),
    AVG_SURGE_MULTIPLIER("Mean surge multiplier", Group.OPERATION, Unit.COUNT),
    SURGED_REQUESTS("Surged requests", Group.OPERATION, Unit.COUNT),
    AVG_ETA_SEC("Mean ETA", Group.OPERATION, Unit.SECONDS),
    AVG_TRIP_DURATION_SEC("Mean trip duration", Group.OPERATION, Unit.SECONDS),
    AVG_TRIP_DISTANCE_KM("Mean trip distance", Group.OPERATION, Unit.KILOMETRES),
    LATE_EVENTS("Late events", Group.OPERATION, Unit.COUNT);

    private final String title;
    private final Group group;
    private final Unit unit;

    Kpi(String title, Group group, Unit unit) {
        this.title = title;
        this.group = group;
        this.unit = unit;
    }

    String metric() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    String title() {
        return title;
    }

    Group group() {
        return group;
    }

    Unit unit() {
        return unit;
    }
}
