package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.generator.model.Booking;
import dev.rideops.generator.model.CancelledBy;
import dev.rideops.generator.model.City;
import dev.rideops.generator.model.VehicleType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class RidersTest {

    private static final Instant NOW = Instant.parse("2026-03-03T11:00:00Z");
    private static final int N = 20_000;

    private static Booking requested(long riderId, String surge) {
        return new Booking(
                riderId,
                riderId,
                "HCM",
                VehicleType.CAR,
                10.77,
                106.70,
                "HCM-06-06",
                10.78,
                106.71,
                "HCM-07-07",
                new BigDecimal("3.000"),
                new BigDecimal("5.00"),
                new BigDecimal(surge),
                null,
                NOW);
    }

    /** The share of N riders who quit after one booking that went like {@code outcome}. */
    private static double quitShare(BiFunction<Long, Instant, Booking> outcome) {
        Riders riders = new Riders(new Random(5), Timing.realTime());
        for (long id = 1; id <= N; id++) {
            riders.add(id, City.ALL.get(0));
        }
        for (long id = 1; id <= N; id++) {
            riders.ended(outcome.apply(id, NOW).row(), NOW.plusSeconds(1800));
        }
        return (double) riders.quits() / N;
    }

    private static Booking completed(long id, Instant at, String surge, int acceptAfterSeconds) {
        Booking b = requested(id, surge);
        b.accept(1, 120, at.plusSeconds(acceptAfterSeconds));
        b.arrive(at.plusSeconds(acceptAfterSeconds + 240));
        b.start(at.plusSeconds(acceptAfterSeconds + 300));
        b.complete(new BigDecimal("6.00"), at.plusSeconds(acceptAfterSeconds + 1200));
        return b;
    }

    @Test
    void badExperiencesMakeRidersQuit() {
        double good = quitShare((id, at) -> completed(id, at, "1.00", 10));
        double longWait = quitShare((id, at) -> completed(id, at, "1.00", 150));
        double surged = quitShare((id, at) -> completed(id, at, "2.00", 10));
        double noDriver = quitShare((id, at) -> {
            Booking b = requested(id, "1.00");
            b.cancel(CancelledBy.SYSTEM, "no driver available", at.plusSeconds(180));
            return b;
        });
        double driverCancelled = quitShare((id, at) -> {
            Booking b = requested(id, "1.00");
            b.accept(1, 120, at.plusSeconds(10));
            b.cancel(CancelledBy.DRIVER, "driver cancelled", at.plusSeconds(60));
            return b;
        });

        assertThat(good).isBetween(0.002, 0.007);
        assertThat(longWait).isBetween(0.027, 0.043);
        assertThat(surged).isBetween(0.074, 0.094);
        assertThat(noDriver).isBetween(0.094, 0.114);
        assertThat(driverCancelled).isBetween(0.055, 0.075);
    }

    @Test
    void aboutAThirdOfQuittersComeBackAfterDaysAndAreNotPickedMeanwhile() {
        Riders riders = new Riders(new Random(9), Timing.realTime());
        for (long id = 1; id <= N; id++) {
            riders.add(id, City.ALL.get(0));
        }
        for (long id = 1; id <= N; id++) {
            Booking b = requested(id, "1.00");
            b.cancel(CancelledBy.SYSTEM, "no driver available", NOW.plusSeconds(180));
            riders.ended(b.row(), NOW);
        }
        long quits = riders.quits();
        assertThat(riders.active()).isEqualTo(N - quits);
        for (int i = 0; i < 1000; i++) {
            assertThat(riders.isActive(riders.pick(NOW))).isTrue();
        }

        riders.comeBack(NOW.plusSeconds(86_400));
        assertThat(riders.comebacks()).as("nobody within a day").isZero();
        riders.comeBack(NOW.plusSeconds(30 * 86_400));
        assertThat((double) riders.comebacks() / quits).isBetween(0.25, 0.35);
        assertThat(riders.active()).isEqualTo(N - quits + riders.comebacks());
    }

    @Test
    void habitsShapeWhoRidesWhen() {
        Riders riders = new Riders(new Random(1), Timing.realTime());
        for (long id = 1; id <= 5000; id++) {
            riders.add(id, City.ALL.get(0));
        }
        int commutersMorning = 0;
        int commutersNight = 0;
        // Tuesday 08:00 and 03:00 local
        Instant morning = Instant.parse("2026-03-03T01:00:00Z");
        Instant night = Instant.parse("2026-03-02T20:00:00Z");
        double heavy = 0;
        for (int i = 0; i < 20_000; i++) {
            if (riders.habit(riders.pick(morning)).pattern() == Riders.Pattern.COMMUTER) {
                commutersMorning++;
            }
            if (riders.habit(riders.pick(night)).pattern() == Riders.Pattern.COMMUTER) {
                commutersNight++;
            }
            heavy += riders.habit(riders.pick(morning)).weight();
        }
        assertThat(commutersMorning).isGreaterThan(5 * commutersNight);
        // frequent riders ride more: the picked riders' mean weight is above the population's
        double population = 0;
        for (long id = 1; id <= 5000; id++) {
            population += riders.habit(id).weight();
        }
        assertThat(heavy / 20_000).isGreaterThan(1.3 * population / 5000);
    }
}
