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

    /** Monday 14:00 local: most shifts are on. */
    private static final Instant NOW = Instant.parse("2026-03-02T07:00:00Z");

    /** 300 drivers, all online, that a scenario wants 95% offline: the online share after {@code seconds}. */
    private static double onlineShareAfter(double churnMultiplier, int seconds) {
        Fleet fleet = new Fleet(new Random(7), Timing.realTime(), new Shifts(), 4, 0.95, churnMultiplier);
        City city = City.ALL.get(0);
        for (long id = 1; id <= 300; id++) {
            fleet.add(
                    new Driver(
                            id,
                            city,
                            VehicleType.byShare(0.1),
                            DriverStatus.AVAILABLE,
                            city.centerLat(),
                            city.centerLon()),
                    NOW.plusSeconds(3600));
        }
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            fleet.absences(1, NOW.plusSeconds(i), out);
        }
        return fleet.onlineShare();
    }

    @Test
    void aFasterChurnEmptiesTheFleetWithinMinutesWhereTheUsualPaceTakesLonger() {
        assertThat(onlineShareAfter(10, 210)).isLessThan(0.15);
        assertThat(onlineShareAfter(1, 210)).isGreaterThan(0.4);
    }

    /**
     * Drivers without a trip all shift quit at its end with {@link Fleet#QUIT_BASE} + {@link Fleet#QUIT_IDLE_SHIFT}
     * (4.3 %), and {@link Fleet#RETURN_SHARE} of them come back after 2-21 days: the README's figures, and what the
     * driver cohorts' churn and return count.
     */
    @Test
    void driversQuitAfterIdleShiftsAndSomeComeBackAfterDays() {
        Fleet fleet = new Fleet(new Random(11), Timing.realTime(), new Shifts(), 4, 0, 1);
        City city = City.ALL.get(2);
        for (long id = 1; id <= 2000; id++) {
            fleet.add(
                    new Driver(
                            id,
                            city,
                            VehicleType.CAR,
                            fleet.initialStatus(id, NOW),
                            city.centerLat(),
                            city.centerLon()),
                    NOW);
        }
        List<Change> out = new ArrayList<>();
        long shiftEnds = 0;
        long quitsWithinTwoDays = 0;
        long comebacksWithinTwoDays = 0;
        for (int minute = 1; minute <= 40 * 24 * 60; minute += 10) {
            out.clear();
            fleet.shifts(NOW.plusSeconds(minute * 60L), out);
            shiftEnds += out.stream()
                    .filter(c -> c instanceof Change.DriverStatusUpdate u && u.status() == DriverStatus.OFFLINE)
                    .count();
            if (minute <= 2 * 24 * 60) {
                quitsWithinTwoDays = fleet.quits();
                comebacksWithinTwoDays = fleet.comebacks();
            }
        }
        double quitPerShift = fleet.quits() / (double) shiftEnds;

        assertThat(quitsWithinTwoDays).isPositive();
        assertThat(comebacksWithinTwoDays)
                .as("nobody comes back within two days")
                .isZero();
        assertThat(quitPerShift).isBetween(0.035, 0.052);
        // quitters of the last 21 days may not be back yet: at most the return share, well above none
        assertThat(fleet.comebacks() / (double) fleet.quits()).isBetween(0.15, 0.45);
    }

    @Test
    void everyOnlineDriverPingsEveryFewSecondsWhateverTheStepLength() {
        for (int stepMillis : new int[] {100, 1000, 3000}) {
            Fleet fleet = new Fleet(new Random(3), Timing.realTime(), new Shifts(), 4, 0, 1);
            City city = City.ALL.get(1);
            for (long id = 1; id <= 200; id++) {
                fleet.add(
                        new Driver(
                                id, city, VehicleType.CAR, DriverStatus.AVAILABLE, city.centerLat(), city.centerLon()),
                        NOW);
            }
            List<Change> out = new ArrayList<>();
            Ids ids = Ids.fresh();
            for (long t = 0; t <= 600_000; t += stepMillis) {
                fleet.ping(NOW.plusMillis(t), ids, out);
            }
            // 200 drivers for 10 minutes, one ping every 4 s on average
            assertThat(out).hasSizeBetween(200 * 600 / 4 * 95 / 100, 200 * 600 / 4 * 105 / 100);
            assertThat(fleet.meanPingIntervalSeconds()).isBetween(3.8, 4.2);
        }
    }
}
