package dev.rideops.job.cdc;

/** The after-image of a {@code ratings} row; either rating may be null (not given). */
public class RatingRow {
    public long bookingId;
    public Integer riderRating;
    public Integer driverRating;
    public long createdAt;
    /** {@link ChangeKind}: created, updated or deleted (then this is the before-image). */
    public byte change;

    public RatingRow() {}

    @Override
    public String toString() {
        return "rating of booking " + bookingId + ": rider " + riderRating + ", driver " + driverRating + " at "
                + createdAt;
    }
}
