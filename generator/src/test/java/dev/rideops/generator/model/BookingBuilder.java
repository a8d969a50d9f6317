package dev.rideops.generator.model;

import java.math.BigDecimal;
import java.time.Instant;

/** Fresh booking requests for tests: a 1.5 km car ride between two HCM cells, unsurged, without a promo. */
final class BookingBuilder {

    private final Instant requestedAt;

    private BookingBuilder(Instant requestedAt) {
        this.requestedAt = requestedAt;
    }

    /** Transitions must not precede the request, so tests pick its time. */
    static BookingBuilder requestedAt(Instant requestedAt) {
        return new BookingBuilder(requestedAt);
    }

    Booking build() {
        return new Booking(
                1,
                10,
                "HCM",
                VehicleType.CAR,
                10.77,
                106.70,
                "HCM-06-06",
                10.78,
                106.71,
                "HCM-07-07",
                new BigDecimal("1.500"),
                new BigDecimal("3.00"),
                new BigDecimal("1.00"),
                null,
                requestedAt);
    }
}
