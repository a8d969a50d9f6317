package dev.rideops.job.cdc;

/** A {@code driver_location_events} row (insert-only). */
public class LocationRow {
    public long eventId;
    public long driverId;
    public double lat;
    public double lon;
    public double speedKmh;
    public double heading;
    public long recordedAt;

    public LocationRow() {
    }
}
