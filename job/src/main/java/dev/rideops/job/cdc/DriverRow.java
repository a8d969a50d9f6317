package dev.rideops.job.cdc;

/** The after-image of a {@code drivers} row. */
public class DriverRow {
    public long driverId;
    public String status;
    public long updatedAt;

    public DriverRow() {}
}
