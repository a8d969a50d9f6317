package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurgePricingTest {

    @Test
    void noSurgeWhileSupplyCoversDemand() {
        assertThat(SurgePricing.multiplier(1, 1)).isEqualByComparingTo("1.0");
        assertThat(SurgePricing.multiplier(5, 5)).isEqualByComparingTo("1.0");
        assertThat(SurgePricing.multiplier(3, 10)).isEqualByComparingTo("1.0");
    }

    @Test
    void risesWithTheShortfallPerDriverInTenths() {
        assertThat(SurgePricing.multiplier(1, 0)).isEqualByComparingTo("1.5");
        // shortfall 4 over (2 + 1) drivers: 1 + 0.5 * 4 / 3 = 1.67 -> 1.7
        assertThat(SurgePricing.multiplier(6, 2)).isEqualByComparingTo("1.7");
        assertThat(SurgePricing.multiplier(7, 2)).isGreaterThan(SurgePricing.multiplier(6, 2));
        assertThat(SurgePricing.multiplier(6, 1)).isGreaterThan(SurgePricing.multiplier(6, 2));
    }

    @Test
    void cappedAtThree() {
        assertThat(SurgePricing.multiplier(1000, 0)).isEqualByComparingTo("3.0");
    }
}
