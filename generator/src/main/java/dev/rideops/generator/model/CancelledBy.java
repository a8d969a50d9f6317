package dev.rideops.generator.model;

public enum CancelledBy {
    RIDER,
    DRIVER,
    SYSTEM
}
