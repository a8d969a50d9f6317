package dev.rideops.scenarios;

/**
 * What a volume preset generates: the size of the city and the pace of the simulation (see load/volumes.yaml).
 *
 * @param newBookingProb chance that one simulation step creates a booking
 * @param driverUpdates location pings per step
 * @param sleepMin shortest pause between steps, seconds
 * @param sleepMax longest pause between steps, seconds
 */
public record VolumeProfile(
        int drivers,
        int riders,
        int maxInflight,
        double newBookingProb,
        int driverUpdates,
        double sleepMin,
        double sleepMax) {

    public VolumeProfile {
        if (drivers < 1 || riders < 1 || maxInflight < 1) {
            throw new IllegalArgumentException("drivers, riders and max_inflight must be at least 1");
        }
        if (newBookingProb < 0 || newBookingProb > 1) {
            throw new IllegalArgumentException("new_booking_prob must be between 0 and 1, was " + newBookingProb);
        }
        if (driverUpdates < 0) {
            throw new IllegalArgumentException("driver_updates must not be negative, was " + driverUpdates);
        }
        if (sleepMin < 0 || sleepMax < sleepMin) {
            throw new IllegalArgumentException("need 0 <= sleep_min <= sleep_max, was " + sleepMin + ".." + sleepMax);
        }
    }

    public VolumeProfile withMaxInflight(int value) {
        return new VolumeProfile(drivers, riders, value, newBookingProb, driverUpdates, sleepMin, sleepMax);
    }

    public VolumeProfile withNewBookingProb(double value) {
        return new VolumeProfile(drivers, riders, maxInflight, value, driverUpdates, sleepMin, sleepMax);
    }

    public VolumeProfile withDriverUpdates(int value) {
        return new VolumeProfile(drivers, riders, maxInflight, newBookingProb, value, sleepMin, sleepMax);
    }

    public VolumeProfile withSleep(double min, double max) {
        return new VolumeProfile(drivers, riders, maxInflight, newBookingProb, driverUpdates, min, max);
    }
}
