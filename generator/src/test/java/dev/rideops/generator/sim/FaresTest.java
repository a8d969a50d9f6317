package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.generator.model.VehicleType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FaresTest {

    @Test
    void fareIsBasePlusDistancePlusTimeTimesSurgeLessPromo() {
        // CAR: 1.00 + 0.60 * 5 + 0.10 * 12 = 5.20; x1.5 = 7.80; -10% = 7.02
        assertThat(Fares.fare(VehicleType.CAR, 5, 12, new BigDecimal("1.5"), 10))
                .isEqualByComparingTo("7.02");
        assertThat(Fares.fare(VehicleType.CAR, 5, 12, BigDecimal.ONE, 0)).isEqualByComparingTo("5.20");
    }

    @Test
    void neverBelowTheMinimumFareOfTheClass() {
        assertThat(Fares.fare(VehicleType.CAR_XL, 0.1, 0.5, BigDecimal.ONE, 20)).isEqualByComparingTo("4.00");
        assertThat(Fares.fare(VehicleType.BIKE, 0.1, 0.5, BigDecimal.ONE, 0)).isEqualByComparingTo("1.00");
    }

    @Test
    void longerAndSurgedTripsCostMore() {
        BigDecimal base = Fares.fare(VehicleType.BIKE, 8, 20, BigDecimal.ONE, 0);
        assertThat(Fares.fare(VehicleType.BIKE, 9, 20, BigDecimal.ONE, 0)).isGreaterThan(base);
        assertThat(Fares.fare(VehicleType.BIKE, 8, 25, BigDecimal.ONE, 0)).isGreaterThan(base);
        assertThat(Fares.fare(VehicleType.BIKE, 8, 20, new BigDecimal("1.2"), 0))
                .isGreaterThan(base);
        assertThat(Fares.fare(VehicleType.CAR, 8, 20, BigDecimal.ONE, 0)).isGreaterThan(base);
    }
}
