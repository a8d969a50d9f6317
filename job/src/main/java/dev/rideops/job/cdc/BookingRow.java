package dev.rideops.job.cdc;

/** The after-image of a {@code bookings} row; timestamps in epoch microseconds (the source precision), null until reached. */
public class BookingRow {
    public long bookingId;
    public long riderId;
    public Long driverId;
    public String status;
    public String pickupCell;
    public double surgeMultiplier;
    public double distanceKm;
    public Integer etaSeconds;
    public double estimatedFare;
    public Double fareAmount;
    public String promoCode;
    public long requestedAt;
    public Long acceptedAt;
    public Long arrivedAt;
    public Long startedAt;
    public Long completedAt;
    public Long cancelledAt;
    public String cancelledBy;
    public long updatedAt;
    /** {@link ChangeKind}: created, updated or deleted (then this is the before-image). */
    public byte change;

    public BookingRow() {}
}
