package dev.rideops.job.kpi;

import dev.rideops.job.cdc.LocationRow;
import dev.rideops.job.cdc.PaymentRow;
import dev.rideops.job.cdc.RatingRow;
import java.util.List;

/** What insert-only facts (location pings, payments, ratings) add to the bucket metrics, each counted once. */
public final class FactKpis {

    private FactKpis() {}

    public static void location(LocationRow l, List<Contribution> out) {
        for (Granularity g : Granularity.values()) {
            out.add(Contribution.of(g, l.recordedAt, Metric.DRIVER_LOCATION_UPDATES, 1));
            out.add(Contribution.of(g, l.recordedAt, Metric.AVG_DRIVER_SPEED_KMH, l.speedKmh));
            out.add(Contribution.member(g, l.recordedAt, Metric.ACTIVE_DRIVERS, l.driverId));
        }
        if (l.cell != null) {
            out.add(Contribution.ofCell(l.cell, l.recordedAt, Metric.CELL_DRIVERS_PRESENT, 1, l.driverId));
            if ("AVAILABLE".equals(l.driverStatus)) {
                out.add(Contribution.ofCell(l.cell, l.recordedAt, Metric.CELL_DRIVERS_AVAILABLE, 1, l.driverId));
            }
        }
    }

    public static void payment(PaymentRow p, List<Contribution> out) {
        for (Granularity g : Granularity.values()) {
            out.add(Contribution.of(g, p.createdAt, Metric.PAYMENTS, 1));
            if ("FAILED".equals(p.status)) {
                out.add(Contribution.of(g, p.createdAt, Metric.PAYMENTS_FAILED, 1));
            } else if ("PAID".equals(p.status)) {
                out.add(Contribution.of(g, p.createdAt, Metric.PAYMENTS_COLLECTED, p.amount));
            }
        }
    }

    public static void rating(RatingRow r, List<Contribution> out) {
        for (Granularity g : Granularity.values()) {
            out.add(Contribution.of(g, r.createdAt, Metric.RATINGS, 1));
            if (r.driverRating != null) {
                out.add(Contribution.of(g, r.createdAt, Metric.AVG_DRIVER_RATING, r.driverRating));
            }
            if (r.riderRating != null) {
                out.add(Contribution.of(g, r.createdAt, Metric.AVG_RIDER_RATING, r.riderRating));
            }
        }
    }
}
