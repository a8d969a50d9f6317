package dev.rideops.generator.model;

import java.util.EnumSet;
import java.util.Set;

/** The booking state machine of the contract: forward only, or to CANCELLED from any state before COMPLETED. */
public enum BookingStatus {
    REQUESTED,
    ACCEPTED,
    ARRIVED,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED;

    public boolean isOpen() {
        return this != COMPLETED && this != CANCELLED;
    }

    public Set<BookingStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(ACCEPTED, CANCELLED);
            case ACCEPTED -> EnumSet.of(ARRIVED, CANCELLED);
            case ARRIVED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(BookingStatus.class);
        };
    }

    public boolean canMoveTo(BookingStatus target) {
        return next().contains(target);
    }
}
