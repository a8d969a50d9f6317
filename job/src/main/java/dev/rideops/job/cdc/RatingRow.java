package dev.rideops.job.cdc;

/** The after-image of a {@code ratings} row; either rating may be null (not given). */
public class RatingRow {
    public long bookingId;
    public Integer riderRating;
    public Integer driverRating;
    public long createdAt;

    public RatingRow() {}
}
