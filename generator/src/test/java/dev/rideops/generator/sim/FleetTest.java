package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.generator.model.Change;
import dev.rideops.generator.model.City;
import dev.rideops.generator.model.Driver;
import dev.rideops.generator.model.DriverStatus;
import dev.rideops.generator.model.VehicleType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static final Instant NOW = Instant.parse("2026-03-02T07:00:00Z");

    /** A fleet of 300 drivers, all online, that a scenario wants 95% offline: its share after {@code steps}. */
    private static double onlineShareAfter(double churnMultiplier, int steps) {
        Fleet fleet = new Fleet(new Random(7), 0.95, churnMultiplier);
        City city = City.ALL.get(0);
        for (long id = 1; id <= 300; id++) {
            fleet.add(new Driver(
                    id, city, VehicleType.byShare(0.1), DriverStatus.AVAILABLE, city.centerLat(), city.centerLon()));
        }
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            fleet.churn(NOW, out);
        }
        return fleet.onlineShare();
    }

    @Test
    void aFasterChurnEmptiesTheFleetWithinMinutesWhereTheUsualPaceTakesAnHour() {
        // 600 steps are about 3.5 minutes at the small preset's sleeps
        assertThat(onlineShareAfter(10, 600)).isLessThan(0.15);
        assertThat(onlineShareAfter(1, 600)).isGreaterThan(0.4);
    }
}
