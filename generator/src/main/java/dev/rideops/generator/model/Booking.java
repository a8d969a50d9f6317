package dev.rideops.generator.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A booking while the simulation drives it. Transitions are the only way to change its state, and each refuses a
 * move the contract's state machine does not allow or a timestamp that would go backwards.
 */
public final class Booking {

    private final long bookingId;
    private final long riderId;
    private final String city;
    private final VehicleType vehicleType;
    private final double pickupLat;
    private final double pickupLon;
    private final String pickupCell;
    private final double dropoffLat;
    private final double dropoffLon;
    private final String dropoffCell;
    private final BigDecimal distanceKm;
    private final BigDecimal estimatedFare;
    private final BigDecimal surgeMultiplier;
    private final String promoCode;
    private final Instant requestedAt;

    private BookingStatus status = BookingStatus.REQUESTED;
    private Long driverId;
    private Integer etaSeconds;
    private BigDecimal fareAmount;
    private Instant acceptedAt;
    private Instant arrivedAt;
    private Instant startedAt;
    private Instant completedAt;
    private Instant cancelledAt;
    private CancelledBy cancelledBy;
    private String cancelReason;
    private Instant updatedAt;

    /** When the simulation next looks at this booking. */
    private Instant nextCheckAt;

    public Booking(
            long bookingId,
            long riderId,
            String city,
            VehicleType vehicleType,
            double pickupLat,
            double pickupLon,
            String pickupCell,
            double dropoffLat,
            double dropoffLon,
            String dropoffCell,
            BigDecimal distanceKm,
            BigDecimal estimatedFare,
            BigDecimal surgeMultiplier,
            String promoCode,
            Instant requestedAt) {
        this.bookingId = bookingId;
        this.riderId = riderId;
        this.city = city;
        this.vehicleType = vehicleType;
        this.pickupLat = pickupLat;
        this.pickupLon = pickupLon;
        this.pickupCell = pickupCell;
        this.dropoffLat = dropoffLat;
        this.dropoffLon = dropoffLon;
        this.dropoffCell = dropoffCell;
        this.distanceKm = distanceKm;
        this.estimatedFare = estimatedFare;
        this.surgeMultiplier = surgeMultiplier;
        this.promoCode = promoCode;
        this.requestedAt = requestedAt;
        this.updatedAt = requestedAt;
        this.nextCheckAt = requestedAt;
    }

    /** Rebuilds a booking read back from the source database, to continue its life. */
    public static Booking restore(BookingRow row) {
        Booking b = new Booking(
                row.bookingId(),
                row.riderId(),
                row.city(),
                row.vehicleType(),
                row.pickupLat(),
                row.pickupLon(),
                row.pickupCell(),
                row.dropoffLat(),
                row.dropoffLon(),
                row.dropoffCell(),
                row.distanceKm(),
                row.estimatedFare(),
                row.surgeMultiplier(),
                row.promoCode(),
                row.requestedAt());
        b.status = row.status();
        b.driverId = row.driverId();
        b.etaSeconds = row.etaSeconds();
        b.fareAmount = row.fareAmount();
        b.acceptedAt = row.acceptedAt();
        b.arrivedAt = row.arrivedAt();
        b.startedAt = row.startedAt();
        b.completedAt = row.completedAt();
        b.cancelledAt = row.cancelledAt();
        b.cancelledBy = row.cancelledBy();
        b.cancelReason = row.cancelReason();
        b.updatedAt = row.updatedAt();
        return b;
    }

    public void accept(long driver, int eta, Instant at) {
        move(BookingStatus.ACCEPTED, at);
        driverId = driver;
        etaSeconds = eta;
        acceptedAt = at;
    }

    public void arrive(Instant at) {
        move(BookingStatus.ARRIVED, at);
        arrivedAt = at;
    }

    public void start(Instant at) {
        move(BookingStatus.IN_PROGRESS, at);
        startedAt = at;
    }

    public void complete(BigDecimal fare, Instant at) {
        move(BookingStatus.COMPLETED, at);
        fareAmount = fare;
        completedAt = at;
    }

    public void cancel(CancelledBy by, String reason, Instant at) {
        move(BookingStatus.CANCELLED, at);
        cancelledAt = at;
        cancelledBy = by;
        cancelReason = reason;
    }

    private void move(BookingStatus target, Instant at) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("booking " + bookingId + " cannot move from " + status + " to " + target);
        }
        if (at.isBefore(updatedAt)) {
            throw new IllegalStateException("booking " + bookingId + ": " + target + " at " + at
                    + " would precede its last change at " + updatedAt);
        }
        status = target;
        updatedAt = at;
    }

    public BookingRow row() {
        return new BookingRow(
                bookingId,
                riderId,
                driverId,
                city,
                vehicleType,
                status,
                pickupLat,
                pickupLon,
                pickupCell,
                dropoffLat,
                dropoffLon,
                dropoffCell,
                distanceKm,
                etaSeconds,
                estimatedFare,
                fareAmount,
                surgeMultiplier,
                promoCode,
                requestedAt,
                acceptedAt,
                arrivedAt,
                startedAt,
                completedAt,
                cancelledAt,
                cancelledBy,
                cancelReason,
                updatedAt);
    }

    public long bookingId() {
        return bookingId;
    }

    public long riderId() {
        return riderId;
    }

    public String city() {
        return city;
    }

    public VehicleType vehicleType() {
        return vehicleType;
    }

    public BookingStatus status() {
        return status;
    }

    public Long driverId() {
        return driverId;
    }

    public double pickupLat() {
        return pickupLat;
    }

    public double pickupLon() {
        return pickupLon;
    }

    public String pickupCell() {
        return pickupCell;
    }

    public double dropoffLat() {
        return dropoffLat;
    }

    public double dropoffLon() {
        return dropoffLon;
    }

    public BigDecimal distanceKm() {
        return distanceKm;
    }

    public BigDecimal surgeMultiplier() {
        return surgeMultiplier;
    }

    public String promoCode() {
        return promoCode;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant nextCheckAt() {
        return nextCheckAt;
    }

    public void checkAgainAt(Instant at) {
        nextCheckAt = at;
    }
}
