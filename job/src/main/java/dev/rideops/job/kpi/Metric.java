package dev.rideops.job.kpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bucket KPI catalogue. Each metric names its group, how it aggregates and, for ratios, its numerator and
 * denominator. The SQL definition of each over the source tables is in docs/KPI_CATALOGUE.md.
 */
public enum Metric {
    // Passenger
    RIDES_REQUESTED(Group.PASSENGER, Aggregation.COUNT),
    RIDES_CANCELLED_BY_RIDER(Group.PASSENGER, Aggregation.COUNT),
    AVG_ACCEPT_TIME_SEC(Group.PASSENGER, Aggregation.MEAN),
    AVG_PICKUP_WAIT_SEC(Group.PASSENGER, Aggregation.MEAN),
    AVG_FARE(Group.PASSENGER, Aggregation.MEAN),
    AVG_ESTIMATED_FARE(Group.PASSENGER, Aggregation.MEAN),
    PROMO_RIDES(Group.PASSENGER, Aggregation.COUNT),
    ACTIVE_RIDERS(Group.PASSENGER, Aggregation.DISTINCT),
    RATINGS(Group.PASSENGER, Aggregation.COUNT),
    AVG_DRIVER_RATING(Group.PASSENGER, Aggregation.MEAN),
    PAYMENTS(Group.PASSENGER, Aggregation.COUNT),
    PAYMENTS_FAILED(Group.PASSENGER, Aggregation.COUNT),
    PAYMENTS_COLLECTED(Group.PASSENGER, Aggregation.SUM),

    // Driver
    RIDES_ACCEPTED(Group.DRIVER, Aggregation.COUNT),
    RIDES_CANCELLED_BY_DRIVER(Group.DRIVER, Aggregation.COUNT),
    ACTIVE_DRIVERS(Group.DRIVER, Aggregation.DISTINCT),
    DRIVER_LOCATION_UPDATES(Group.DRIVER, Aggregation.COUNT),
    AVG_DRIVER_SPEED_KMH(Group.DRIVER, Aggregation.MEAN),
    COMPLETING_DRIVERS(Group.DRIVER, Aggregation.DISTINCT),
    TRIPS_PER_DRIVER(Group.DRIVER, Aggregation.RATIO),
    DRIVER_EARNINGS(Group.DRIVER, Aggregation.SUM),
    AVG_RIDER_RATING(Group.DRIVER, Aggregation.MEAN),

    // Operation
    RIDES_STARTED(Group.OPERATION, Aggregation.COUNT),
    RIDES_COMPLETED(Group.OPERATION, Aggregation.COUNT),
    RIDES_CANCELLED(Group.OPERATION, Aggregation.COUNT),
    RIDES_CANCELLED_BY_SYSTEM(Group.OPERATION, Aggregation.COUNT),
    GMV(Group.OPERATION, Aggregation.SUM),
    PLATFORM_REVENUE(Group.OPERATION, Aggregation.SUM),
    MATCH_RATE(Group.OPERATION, Aggregation.RATIO),
    CANCEL_RATE(Group.OPERATION, Aggregation.RATIO),
    COMPLETION_RATE(Group.OPERATION, Aggregation.RATIO),
    AVG_SURGE_MULTIPLIER(Group.OPERATION, Aggregation.MEAN),
    SURGED_REQUESTS(Group.OPERATION, Aggregation.COUNT),
    AVG_ETA_SEC(Group.OPERATION, Aggregation.MEAN),
    AVG_TRIP_DURATION_SEC(Group.OPERATION, Aggregation.MEAN),
    AVG_TRIP_DISTANCE_KM(Group.OPERATION, Aggregation.MEAN),
    LATE_EVENTS(Group.OPERATION, Aggregation.COUNT),

    // Per grid cell and minute: the columns of mart.cell_supply_demand, not rows of the bucket table
    CELL_REQUESTS(Group.CELL, Aggregation.COUNT),
    CELL_AVG_SURGE(Group.CELL, Aggregation.MEAN),
    CELL_DRIVERS_PRESENT(Group.CELL, Aggregation.DISTINCT),
    CELL_DRIVERS_AVAILABLE(Group.CELL, Aggregation.DISTINCT);

    /** The three audiences of the dashboards, and the heatmap's per-cell figures. */
    public enum Group {
        PASSENGER,
        DRIVER,
        OPERATION,
        CELL
    }

    /** Shares of the fare paid out to the driver and kept by the platform. */
    public static final double DRIVER_SHARE = 0.8;

    public static final double PLATFORM_SHARE = 0.2;

    private static final Map<String, Metric> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(Metric::metricName, Function.identity()));

    /**
     * Every contribution (about eleven per location ping) asks for its metric's ratios: worked out once here instead of
     * scanning the catalogue per contribution (the TaskManager's JFR profile at 5,000/s showed the scan).
     */
    private static final Map<Metric, List<Metric>> DEPENDENT_RATIOS = dependentRatiosOfAll();

    private final Group group;
    private final Aggregation aggregation;
    /** Made once: every contribution carries it, and lower-casing per contribution showed in the profile. */
    private final String metricName;

    Metric(Group group, Aggregation aggregation) {
        this.group = group;
        this.aggregation = aggregation;
        this.metricName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The name in {@code mart.fact_metric_bucket.metric_name}. */
    public String metricName() {
        return metricName;
    }

    public Group group() {
        return group;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    public Metric numerator() {
        switch (this) {
            case MATCH_RATE:
                return RIDES_ACCEPTED;
            case CANCEL_RATE:
                return RIDES_CANCELLED;
            case COMPLETION_RATE:
            case TRIPS_PER_DRIVER:
                return RIDES_COMPLETED;
            default:
                throw new IllegalStateException(this + " is not a ratio");
        }
    }

    public Metric denominator() {
        switch (this) {
            case MATCH_RATE:
            case CANCEL_RATE:
            case COMPLETION_RATE:
                return RIDES_REQUESTED;
            case TRIPS_PER_DRIVER:
                return COMPLETING_DRIVERS;
            default:
                throw new IllegalStateException(this + " is not a ratio");
        }
    }

    /**
     * Whether this distinct metric's members come from rows that can be deleted or changed (bookings), so the bucket
     * must know how many rows each member has to take one back. Location pings are insert-only and never retract.
     */
    public boolean countsMembers() {
        return this == ACTIVE_RIDERS || this == COMPLETING_DRIVERS;
    }

    /** The ratios that change when this metric changes (unmodifiable). */
    public List<Metric> dependentRatios() {
        return DEPENDENT_RATIOS.get(this);
    }

    private static Map<Metric, List<Metric>> dependentRatiosOfAll() {
        Map<Metric, List<Metric>> all = new EnumMap<>(Metric.class);
        for (Metric metric : values()) {
            List<Metric> ratios = new ArrayList<>();
            for (Metric m : values()) {
                if (m.aggregation == Aggregation.RATIO && (m.numerator() == metric || m.denominator() == metric)) {
                    ratios.add(m);
                }
            }
            all.put(metric, List.copyOf(ratios));
        }
        return all;
    }

    /** The metrics of {@code mart.fact_metric_bucket} (all but the heatmap's). */
    public static List<Metric> catalogue() {
        List<Metric> result = new ArrayList<>();
        for (Metric m : values()) {
            if (m.group != Group.CELL) {
                result.add(m);
            }
        }
        return result;
    }

    public static Metric byName(String name) {
        Metric m = BY_NAME.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown metric " + name);
        }
        return m;
    }
}
