package dev.rideops.job.kpi;

import dev.rideops.job.cdc.BookingRow;
import java.util.List;

/**
 * What a booking's change adds to the bucket metrics. A booking reaches each milestone (requested, accepted,
 * arrived, started, completed, cancelled) once and its timestamp never changes, so each milestone is counted the
 * first time a change shows it, in the bucket of its own timestamp. The caller keeps the returned mask of counted
 * milestones per booking: a duplicate, a replay or an out-of-order older change then adds nothing.
 */
public final class BookingKpis {

    public static final int REQUESTED = 1;
    public static final int ACCEPTED = 1 << 1;
    public static final int ARRIVED = 1 << 2;
    public static final int STARTED = 1 << 3;
    public static final int COMPLETED = 1 << 4;
    public static final int CANCELLED = 1 << 5;

    private static final double MICROS = 1_000_000.0;

    private BookingKpis() {}

    /** Adds the contributions of milestones not yet in {@code counted}; returns the new mask. */
    public static int contribute(int counted, BookingRow b, List<Contribution> out) {
        int mask = counted;
        if ((mask & REQUESTED) == 0) {
            mask |= REQUESTED;
            for (Granularity g : Granularity.values()) {
                out.add(Contribution.of(g, b.requestedAt, Metric.RIDES_REQUESTED, 1));
                out.add(Contribution.of(g, b.requestedAt, Metric.AVG_SURGE_MULTIPLIER, b.surgeMultiplier));
                out.add(Contribution.of(g, b.requestedAt, Metric.AVG_ESTIMATED_FARE, b.estimatedFare));
                out.add(Contribution.member(g, b.requestedAt, Metric.ACTIVE_RIDERS, b.riderId));
                if (b.surgeMultiplier > 1) {
                    out.add(Contribution.of(g, b.requestedAt, Metric.SURGED_REQUESTS, 1));
                }
            }
            out.add(Contribution.ofCell(b.pickupCell, b.requestedAt, Metric.CELL_REQUESTS, 1, null));
            out.add(Contribution.ofCell(b.pickupCell, b.requestedAt, Metric.CELL_AVG_SURGE, b.surgeMultiplier, null));
        }
        if (b.acceptedAt != null && (mask & ACCEPTED) == 0) {
            mask |= ACCEPTED;
            for (Granularity g : Granularity.values()) {
                out.add(Contribution.of(g, b.acceptedAt, Metric.RIDES_ACCEPTED, 1));
                out.add(Contribution.of(
                        g, b.acceptedAt, Metric.AVG_ACCEPT_TIME_SEC, (b.acceptedAt - b.requestedAt) / MICROS));
                if (b.etaSeconds != null) {
                    out.add(Contribution.of(g, b.acceptedAt, Metric.AVG_ETA_SEC, b.etaSeconds));
                }
            }
        }
        if (b.arrivedAt != null && b.acceptedAt != null && (mask & ARRIVED) == 0) {
            mask |= ARRIVED;
            for (Granularity g : Granularity.values()) {
                out.add(Contribution.of(
                        g, b.arrivedAt, Metric.AVG_PICKUP_WAIT_SEC, (b.arrivedAt - b.acceptedAt) / MICROS));
            }
        }
        if (b.startedAt != null && (mask & STARTED) == 0) {
            mask |= STARTED;
            for (Granularity g : Granularity.values()) {
                out.add(Contribution.of(g, b.startedAt, Metric.RIDES_STARTED, 1));
            }
        }
        if (b.completedAt != null && (mask & COMPLETED) == 0) {
            mask |= COMPLETED;
            double fare = b.fareAmount == null ? 0 : b.fareAmount;
            for (Granularity g : Granularity.values()) {
                out.add(Contribution.of(g, b.completedAt, Metric.RIDES_COMPLETED, 1));
                out.add(Contribution.of(g, b.completedAt, Metric.GMV, fare));
                out.add(Contribution.of(g, b.completedAt, Metric.AVG_FARE, fare));
                out.add(Contribution.of(g, b.completedAt, Metric.DRIVER_EARNINGS, fare * Metric.DRIVER_SHARE));
                out.add(Contribution.of(g, b.completedAt, Metric.PLATFORM_REVENUE, fare * Metric.PLATFORM_SHARE));
                out.add(Contribution.of(g, b.completedAt, Metric.AVG_TRIP_DISTANCE_KM, b.distanceKm));
                if (b.startedAt != null) {
                    out.add(Contribution.of(
                            g, b.completedAt, Metric.AVG_TRIP_DURATION_SEC, (b.completedAt - b.startedAt) / MICROS));
                }
                if (b.promoCode != null) {
                    out.add(Contribution.of(g, b.completedAt, Metric.PROMO_RIDES, 1));
                }
                if (b.driverId != null) {
                    out.add(Contribution.member(g, b.completedAt, Metric.COMPLETING_DRIVERS, b.driverId));
                }
            }
        }
        if (b.cancelledAt != null && (mask & CANCELLED) == 0) {
            mask |= CANCELLED;
            Metric by = "RIDER".equals(b.cancelledBy)
                    ? Metric.RIDES_CANCELLED_BY_RIDER
                    : "DRIVER".equals(b.cancelledBy)
                            ? Metric.RIDES_CANCELLED_BY_DRIVER
                            : Metric.RIDES_CANCELLED_BY_SYSTEM;
            for (Granularity g : Granularity.values()) {
                out.add(Contribution.of(g, b.cancelledAt, Metric.RIDES_CANCELLED, 1));
                out.add(Contribution.of(g, b.cancelledAt, by, 1));
            }
        }
        return mask;
    }

    /** Whether the booking is still open (counts towards {@code open_bookings}). */
    public static boolean isOpen(BookingRow b) {
        return b.completedAt == null && b.cancelledAt == null;
    }
}
