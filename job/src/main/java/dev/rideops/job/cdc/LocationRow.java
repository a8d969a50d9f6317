package dev.rideops.job.cdc;

/** A {@code driver_location_events} row (insert-only). */
public class LocationRow {
    public long eventId;
    public long driverId;
    public double lat;
    public double lon;
    public double speedKmh;
    public double heading;
    /** The grid cell and the driver's status at the ping; null for pings written before they were recorded. */
    public String cell;

    public String driverStatus;
    public long recordedAt;

    public LocationRow() {}
}
