package dev.rideops.generator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.generator.model.Change;
import dev.rideops.generator.sim.CitySimulator;
import dev.rideops.generator.sim.DayCurve;
import dev.rideops.generator.sim.Ids;
import dev.rideops.generator.sim.Timing;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import dev.rideops.scenarios.VolumeProfile;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A load run's city does not depend on the hour it is run at: {@code --eps} sizes the fleet for the busy hour, and a
 * stream with a target rate plays that hour, so it reaches the rate with the fleet a city has online at its evening
 * peak, and writes the same bounded number of sign-ups first, at 4 am as at 6 pm.
 */
class LocalHourTest {

    /** Wall-clock starts across a week: a weekday night, the busy hour itself, a Saturday night, a Monday noon. */
    private static final List<Instant> WALL_CLOCK_STARTS = List.of(
            local(2026, 11, 25, 4, 10),
            local(2026, 11, 25, 18, 0),
            local(2026, 11, 28, 23, 45),
            local(2026, 11, 30, 12, 30));

    private static Instant local(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).toInstant(DayCurve.LOCAL);
    }

    @Test
    void aStatedHourIsThatHourOfAWednesdayWhenTheRunReachesNowAndTheWallClockIsNoShift() {
        for (Instant start : WALL_CLOCK_STARTS) {
            for (int hour : new int[] {0, 4, 18, 23}) {
                LocalHour clock = new LocalHour(hour);
                LocalDateTime city = LocalDateTime.ofInstant(start.plus(clock.shiftAt(start)), DayCurve.LOCAL);
                assertThat(city.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
                assertThat(city.getHour()).isEqualTo(hour);
                assertThat(city.getMinute()).isZero();
                assertThat(clock.hourAt(start)).isEqualTo(hour);
                // the Wednesday of the same week: the city's date stays near the real one
                assertThat(clock.shiftAt(start).abs()).isLessThanOrEqualTo(Duration.ofDays(4));
            }
            assertThat(LocalHour.WALL_CLOCK.shiftAt(start)).isZero();
            assertThat(LocalHour.WALL_CLOCK.hourAt(start))
                    .isEqualTo(LocalDateTime.ofInstant(start, DayCurve.LOCAL).getHour());
        }
    }

    @Test
    void loadRunsPlayTheBusyHourUnlessToldAndEverythingElseTheWallClock() {
        assertThat(LocalHour.defaultFor(Mode.STREAM, 500)).isEqualTo(LocalHour.BUSY);
        assertThat(LocalHour.BUSY.hour()).isEqualTo(18);
        assertThat(LocalHour.defaultFor(Mode.STREAM, 0)).isEqualTo(LocalHour.WALL_CLOCK);
        assertThat(LocalHour.defaultFor(Mode.SEED, 500)).isEqualTo(LocalHour.WALL_CLOCK);

        VolumeProfile small = Profiles.volume(Volume.SMALL);
        assertThat(new GeneratorSettings(Mode.STREAM, "small", small, LoadScenario.STEADY, 500, null, null, 1)
                        .localHour())
                .isEqualTo(LocalHour.BUSY);
        assertThat(new GeneratorSettings(Mode.STREAM, "small", small, LoadScenario.STEADY, 0, null, null, 1)
                        .localHour())
                .isEqualTo(LocalHour.WALL_CLOCK);
        GeneratorSettings stated = new GeneratorSettings(
                Mode.STREAM, "small", small, LoadScenario.STEADY, 500, null, null, 1, 1, 4, LocalHour.parse("now"));
        assertThat(stated.localHour()).isEqualTo(LocalHour.WALL_CLOCK);
        assertThat(stated.with(Mode.STREAM, 1000, null, null).localHour()).isEqualTo(LocalHour.WALL_CLOCK);
    }

    @Test
    void aBadHourIsRefusedNamingWhatIsAllowed() {
        assertThat(LocalHour.parse(" 7 ")).isEqualTo(new LocalHour(7));
        assertThat(LocalHour.parse("NOW")).isEqualTo(LocalHour.WALL_CLOCK);
        for (String bad : new String[] {"24", "-1", "evening", "18:30"}) {
            assertThatThrownBy(() -> LocalHour.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--local-hour must be an hour from 0 to 23 or 'now'");
        }
    }

    /**
     * The fleet for --eps 500 and 5000 is the same whatever the hour (no wall clock goes into it), a few thousand
     * drivers per 500 changes/s, and the sign-ups written before the rate counts are drivers plus riders: about 70
     * rows per change/s of the target, stated in the README.
     */
    @ParameterizedTest
    @ValueSource(ints = {500, 5000})
    void theFleetForATargetIsSizedForTheBusyHourAndItsSignUpsAreBounded(int eps) {
        for (Volume volume : new Volume[] {Volume.SMALL, Volume.LARGE}) {
            VolumeProfile sized = CitySimulator.sizedFor(
                    Profiles.volume(volume), eps, Timing.realTime(), GeneratorSettings.DEFAULT_PING_INTERVAL_S);
            long upFront = (long) sized.drivers() + sized.riders();
            System.out.printf(
                    Locale.ROOT,
                    "--eps %d --volume %s: %,d drivers, %,d riders: %,d rows before the rate counts (%.0f per change/s)%n",
                    eps,
                    volume,
                    sized.drivers(),
                    sized.riders(),
                    upFront,
                    upFront / (double) eps);

            // the fleet of a city whose busy hour makes the rate: about 40 % of it online, each pinging every 4 s
            assertThat(sized.drivers()).isBetween(eps * 9, eps * 13);
            assertThat(upFront).isLessThanOrEqualTo(75L * eps);
            for (Instant start : WALL_CLOCK_STARTS) {
                Timing timing = new Timing(1, LocalHour.BUSY.shiftAt(start));
                assertThat(CitySimulator.expectedRate(
                                sized.drivers(), timing, GeneratorSettings.DEFAULT_PING_INTERVAL_S, start))
                        .as("at the busy hour, started at %s", start)
                        .isBetween(eps * 1.0, eps * 1.25);
            }
        }
    }

    /**
     * Run as a stream with a target rate runs it, from a night start and an evening start: the same fleet makes the
     * rate (a bit above it; the limiter holds the target) with pings every ~4 s; the same city on the wall clock at
     * 4 am makes a fraction of it, which is what the run warns about.
     */
    @Test
    void aLoadRunReachesItsRateAtFourInTheMorningWithTheBusyHoursFleet() {
        int eps = 500;
        VolumeProfile sized = CitySimulator.sizedFor(
                Profiles.volume(Volume.SMALL), eps, Timing.realTime(), GeneratorSettings.DEFAULT_PING_INTERVAL_S);
        for (Instant start : List.of(WALL_CLOCK_STARTS.get(0), WALL_CLOCK_STARTS.get(2))) {
            Timing timing = new Timing(1, LocalHour.BUSY.shiftAt(start));
            CitySimulator city = new CitySimulator(
                    sized, LoadScenario.STEADY, 5, Ids.fresh(), timing, GeneratorSettings.DEFAULT_PING_INTERVAL_S);
            List<Change> setup = new ArrayList<>();
            city.populate(start, setup);
            long changes = 0;
            for (int ms = 200; ms <= 90_000; ms += 200) {
                changes += city.step(start.plusMillis(ms)).size();
            }
            double rate = changes / 90.0;
            System.out.printf(
                    Locale.ROOT,
                    "--eps %d from %s: %,d drivers (%,d online), %.0f changes/s, a ping every %.2f s, %,d sign-ups%n",
                    eps,
                    start,
                    city.drivers(),
                    city.onlineDrivers(),
                    rate,
                    city.meanPingIntervalSeconds(),
                    setup.size());

            assertThat(setup).hasSize(sized.drivers() + sized.riders());
            assertThat(rate).isBetween(eps * 0.95, eps * 1.3);
            assertThat(city.meanPingIntervalSeconds()).isBetween(3.6, 4.4);
        }
        double atNight = CitySimulator.expectedRate(
                sized.drivers(),
                Timing.realTime(),
                GeneratorSettings.DEFAULT_PING_INTERVAL_S,
                WALL_CLOCK_STARTS.get(0));
        assertThat(atNight).isLessThan(eps * 0.3);
    }
}
