package dev.rideops.generator.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A booking as stored in {@code bookings}: an immutable snapshot of one moment of its life. */
public record BookingRow(
        long bookingId,
        long riderId,
        Long driverId,
        String city,
        VehicleType vehicleType,
        BookingStatus status,
        double pickupLat,
        double pickupLon,
        String pickupCell,
        double dropoffLat,
        double dropoffLon,
        String dropoffCell,
        BigDecimal distanceKm,
        Integer etaSeconds,
        BigDecimal estimatedFare,
        BigDecimal fareAmount,
        BigDecimal surgeMultiplier,
        String promoCode,
        Instant requestedAt,
        Instant acceptedAt,
        Instant arrivedAt,
        Instant startedAt,
        Instant completedAt,
        Instant cancelledAt,
        CancelledBy cancelledBy,
        String cancelReason,
        Instant updatedAt) {}
