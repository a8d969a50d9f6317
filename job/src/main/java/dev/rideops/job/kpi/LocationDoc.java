package dev.rideops.job.kpi;

/** A driver's position as the search index stores it, with the driver's status at the time. */
public class LocationDoc {
    public long eventId;
    public long driverId;
    public double lat;
    public double lon;
    public String status;
    public double speedKmh;
    public double heading;
    /** Event time in epoch microseconds. */
    public long recordedAt;

    public LocationDoc() {}
}
