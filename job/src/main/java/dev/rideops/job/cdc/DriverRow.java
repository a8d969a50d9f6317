package dev.rideops.job.cdc;

/** The after-image of a {@code drivers} row. */
public class DriverRow {
    public long driverId;
    public String status;
    public long updatedAt;
    /** {@link ChangeKind}: created, updated or deleted (then this is the before-image). */
    public byte change;

    public DriverRow() {}
}
