package dev.rideops.job.kpi;

import dev.rideops.job.cdc.LocationRow;
import dev.rideops.job.cdc.PaymentRow;
import dev.rideops.job.cdc.RatingRow;
import java.util.List;

/**
 * What facts (location pings, payments, ratings) add to the bucket metrics, each counted once. Pings are insert-only;
 * a payment's status or amount and a rating's stars can change, and either can be deleted: {@link #PAYMENT} and
 * {@link #RATING} say what each image adds so the old one can be taken back.
 */
public final class FactKpis {

    public static final Fact<PaymentRow> PAYMENT = new Payments();
    public static final Fact<RatingRow> RATING = new Ratings();

    private FactKpis() {}

    private static final class Payments implements Fact<PaymentRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void contribute(PaymentRow row, List<Contribution> out) {
            payment(row, out);
        }

        @Override
        public byte change(PaymentRow row) {
            return row.change;
        }

        @Override
        public boolean complete(PaymentRow row) {
            return row.status != null;
        }

        @Override
        public long key(PaymentRow row) {
            return row.paymentId;
        }
    }

    private static final class Ratings implements Fact<RatingRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void contribute(RatingRow row, List<Contribution> out) {
            rating(row, out);
        }

        @Override
        public byte change(RatingRow row) {
            return row.change;
        }

        @Override
        public boolean complete(RatingRow row) {
            return row.createdAt != 0;
        }

        @Override
        public long key(RatingRow row) {
            return row.bookingId;
        }
    }

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
