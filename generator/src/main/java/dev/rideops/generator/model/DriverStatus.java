package dev.rideops.generator.model;

public enum DriverStatus {
    OFFLINE,
    AVAILABLE,
    BUSY
}
