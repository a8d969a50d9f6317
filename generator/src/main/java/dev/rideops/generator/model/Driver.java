package dev.rideops.generator.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A driver while the simulation drives them: status, the booking they serve, and a straight-line leg they are
 * driving (from a point to a point between two instants), so a location ping can say where they are at any time.
 */
public final class Driver {

    private final long driverId;
    private final City city;
    private final VehicleType vehicleType;
    private DriverStatus status;
    private Long bookingId;
    /** Whether bookings may name this driver (then the account cannot be deleted): false until the first one. */
    private boolean hasDriven;

    private double fromLat;
    private double fromLon;
    private double toLat;
    private double toLon;
    private Instant departAt = Instant.EPOCH;
    private Instant arriveAt = Instant.EPOCH;

    public Driver(long driverId, City city, VehicleType vehicleType, DriverStatus status, double lat, double lon) {
        this.driverId = driverId;
        this.city = city;
        this.vehicleType = vehicleType;
        this.status = status;
        this.fromLat = lat;
        this.fromLon = lon;
        this.toLat = lat;
        this.toLon = lon;
    }

    public void driveTo(double lat, double lon, Instant from, Instant until) {
        double[] here = positionAt(from);
        fromLat = here[0];
        fromLon = here[1];
        toLat = lat;
        toLon = lon;
        departAt = from;
        arriveAt = until.isAfter(from) ? until : from;
    }

    /** Where the driver is at a moment: on the current leg, or at its end once it is driven. */
    public double[] positionAt(Instant at) {
        if (!at.isAfter(departAt)) {
            return new double[] {fromLat, fromLon};
        }
        if (!at.isBefore(arriveAt)) {
            return new double[] {toLat, toLon};
        }
        double f = (double) Duration.between(departAt, at).toMillis()
                / Duration.between(departAt, arriveAt).toMillis();
        return new double[] {fromLat + (toLat - fromLat) * f, fromLon + (toLon - fromLon) * f};
    }

    /** Speed on the current leg at a moment, km/h; 0 when standing. */
    public double speedKmhAt(Instant at) {
        if (at.isBefore(departAt) || !at.isBefore(arriveAt)) {
            return 0;
        }
        double hours = Duration.between(departAt, arriveAt).toMillis() / 3_600_000.0;
        return hours == 0 ? 0 : Geo.distanceKm(fromLat, fromLon, toLat, toLon) / hours;
    }

    public double headingAt() {
        return Geo.headingDegrees(fromLat, fromLon, toLat, toLon);
    }

    public long driverId() {
        return driverId;
    }

    public City city() {
        return city;
    }

    public VehicleType vehicleType() {
        return vehicleType;
    }

    public DriverStatus status() {
        return status;
    }

    public void status(DriverStatus value) {
        status = value;
    }

    public Long bookingId() {
        return bookingId;
    }

    public void serve(Long booking) {
        bookingId = booking;
        if (booking != null) {
            hasDriven = true;
        }
    }

    public boolean hasDriven() {
        return hasDriven;
    }

    /** A driver taken over from an earlier run may have driven before: never offboarded. */
    public void markHasDriven() {
        hasDriven = true;
    }
}
