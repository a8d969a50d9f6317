package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.BookingStatus;
import dev.rideops.generator.model.Change;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import dev.rideops.scenarios.VolumeProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The default city at real speed falls in the ranges the README states. */
class CityRealismTest {

    private static Instant local(int dayOfMonth, int hour) {
        return LocalDateTime.of(2026, 3, dayOfMonth, hour, 0).toInstant(DayCurve.LOCAL);
    }

    private static double median(Collection<BookingRow> rows, ToDoubleFunction<BookingRow> figure) {
        double[] values = rows.stream().mapToDouble(figure).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    @Test
    void anEveningAtRealSpeedHasRealisticTripsWaitsSpeedsFaresAndRates() {
        // Tuesday 15:00-19:00 local, the small preset, the real-time clock
        CityRun run = CityRun.run(
                Profiles.volume(Volume.SMALL), Timing.realTime(), 17, local(3, 15), Duration.ofHours(4), 1000);
        List<BookingRow> ended = run.rows().stream()
                .filter(b -> b.requestedAt().isBefore(local(3, 18)))
                .toList();
        List<BookingRow> completed = ended.stream()
                .filter(b -> b.status() == BookingStatus.COMPLETED)
                .toList();
        double trip = median(completed, b -> seconds(b.startedAt(), b.completedAt())) / 60;
        double pickup = median(completed, b -> seconds(b.acceptedAt(), b.arrivedAt())) / 60;
        double accept = median(completed, b -> seconds(b.requestedAt(), b.acceptedAt()));
        double fare = median(completed, b -> b.fareAmount().doubleValue());
        double matched = ended.stream().filter(b -> b.acceptedAt() != null).count() / (double) ended.size();
        double cancelled = ended.stream()
                        .filter(b -> b.status() == BookingStatus.CANCELLED)
                        .count()
                / (double) ended.size();
        double surged = ended.stream()
                        .filter(b -> b.surgeMultiplier().doubleValue() > 1)
                        .count()
                / (double) ended.size();
        double speed = run.movingSpeedSum / run.movingPings;
        System.out.printf(
                Locale.ROOT,
                "real-time small, Tue 15-19h: %d requests, trip %.1f min, pickup %.1f min, accept %.0f s, fare %.2f, "
                        + "match %.2f, cancel %.2f, surged %.2f, speed %.1f km/h, ping every %.2f s, %d online%n",
                ended.size(),
                trip,
                pickup,
                accept,
                fare,
                matched,
                cancelled,
                surged,
                speed,
                run.city.meanPingIntervalSeconds(),
                run.city.onlineDrivers());

        assertThat(ended).hasSizeGreaterThan(300);
        assertThat(trip).isBetween(8.0, 25.0);
        // a sparse city: about 35 drivers online per city in the evening, split over three vehicle classes
        assertThat(pickup).isBetween(2.0, 12.0);
        assertThat(accept).isBetween(3.0, 60.0);
        assertThat(fare).isBetween(2.5, 12.0);
        assertThat(matched).isBetween(0.75, 0.99);
        assertThat(cancelled).isBetween(0.03, 0.25);
        assertThat(surged).isLessThan(0.3);
        assertThat(ended)
                .allSatisfy(b -> assertThat(b.surgeMultiplier().doubleValue()).isBetween(1.0, 3.0));
        assertThat(speed).isBetween(15.0, 35.0);
        assertThat(run.city.meanPingIntervalSeconds()).isBetween(3.6, 4.4);
    }

    @Test
    void aWeekdayHasPeaksAndAQuietNightInRequestsAndDriversOnline() {
        CitySimulator city = new CitySimulator(
                Profiles.volume(Volume.SMALL),
                dev.rideops.scenarios.LoadScenario.STEADY,
                3,
                Ids.fresh(),
                Timing.realTime(),
                Timing.PING_INTERVAL_S);
        Instant start = local(3, 0);
        city.populate(start, new java.util.ArrayList<>());
        int[] requests = new int[24];
        int[] online = new int[24];
        for (int s = 2; s <= 86_400; s += 2) {
            Instant now = start.plusSeconds(s);
            int hour = (int) DayCurve.localHour(now);
            for (Change c : city.step(now)) {
                if (c instanceof Change.BookingInsert) {
                    requests[hour]++;
                }
            }
            if (s % 1800 == 0) {
                online[hour] += city.onlineDrivers();
            }
        }
        System.out.println("requests per local hour, Tuesday: " + Arrays.toString(requests));
        System.out.println("drivers online per local hour (two samples): " + Arrays.toString(online));
        int night = requests[2] + requests[3] + requests[4];
        int evening = requests[17] + requests[18] + requests[19];
        int morning = requests[7] + requests[8];
        int midday = requests[10] + requests[11];

        assertThat(evening).isGreaterThan(4 * night);
        assertThat(morning).isGreaterThan(midday);
        assertThat(online[18]).isGreaterThan(2 * online[4]);
    }

    @Test
    void peopleSignUpQuitAndComeBackOverWeeks() {
        // 24 city days in 2 event days at 12x, a tiny city
        CityRun run =
                CityRun.run(Profiles.volume(Volume.TINY), new Timing(12), 5, local(2, 0), Duration.ofDays(2), 2000);
        long ridersSignedUpLater = run.others.stream()
                .filter(c -> c instanceof Change.RiderInsert r && r.createdAt().isAfter(local(2, 0)))
                .count();
        long driversSignedUpLater = run.others.stream()
                .filter(c -> c instanceof Change.DriverInsert d && d.createdAt().isAfter(local(2, 0)))
                .count();
        System.out.printf(
                Locale.ROOT,
                "tiny at 12x for 24 city days: %d riders and %d drivers signed up later; %d riders quit, %d came back; "
                        + "%d drivers quit, %d came back; %d requests%n",
                ridersSignedUpLater,
                driversSignedUpLater,
                run.city.riderQuits(),
                run.city.riderComebacks(),
                run.city.driverQuits(),
                run.city.driverComebacks(),
                run.bookings.size());

        // 100 riders, 1.2 % a day for 24 days
        assertThat(ridersSignedUpLater).isBetween(15L, 50L);
        assertThat(driversSignedUpLater).isPositive();
        assertThat(run.city.riderQuits()).isGreaterThan(20);
        assertThat(run.city.riderComebacks()).isPositive().isLessThan(run.city.riderQuits());
        assertThat(run.city.activeRiders()).isLessThan(run.city.riders());
    }

    /**
     * What the cohort batch's integration test seeds (CohortBatchCliIT: two days of tiny at real speed, seed 7) gives
     * every whole UTC day active riders (a request that day) and active drivers (a completed trip that day), riders
     * of the first day's cohort coming back on the next, whatever hour the two days start at.
     */
    @Test
    void twoDaysOfTinyGiveEveryWholeUtcDayActiveRidersAndDrivers() {
        for (Instant start : List.of(
                Instant.parse("2026-03-02T00:30:00Z"),
                Instant.parse("2026-03-02T12:00:00Z"),
                Instant.parse("2026-03-06T23:30:00Z"))) {
            CityRun run = CityRun.run(
                    Profiles.volume(Volume.TINY), Timing.realTime(), 60, 7, start, Duration.ofDays(2), 2000);
            // the first whole UTC day: the batch's day D-1 when the test runs at the start's time of day
            LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
            Set<Long> riders = new HashSet<>();
            Set<Long> drivers = new HashSet<>();
            for (BookingRow b : run.rows()) {
                if (b.requestedAt().atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
                    riders.add(b.riderId());
                }
                if (b.completedAt() != null
                        && b.completedAt().atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
                    drivers.add(b.driverId());
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "tiny, 2 days from %s: on %s %d riders and %d drivers active%n",
                    start,
                    day,
                    riders.size(),
                    drivers.size());
            // the first cohort (signed up at the start) is nearly all of the city's riders: many come back that day
            assertThat(riders).hasSizeGreaterThan(30);
            assertThat(drivers).hasSizeGreaterThan(10);
        }
    }

    @Test
    void epsGrowsTheCityNotThePingRate() {
        // the busy hour the fleet is sized for: Wednesday 18:00 local
        Instant at = local(4, 18);
        VolumeProfile tiny = Profiles.volume(Volume.TINY);
        for (int eps : new int[] {500, 2000}) {
            VolumeProfile sized = CitySimulator.sizedFor(tiny, eps, Timing.realTime(), Timing.PING_INTERVAL_S);
            CityRun run = CityRun.run(sized, Timing.realTime(), 8, at, Duration.ofSeconds(120), 200);
            double rate = run.changesAfterSetup / 120.0;
            System.out.printf(
                    Locale.ROOT,
                    "--eps %d: %d drivers, %d riders, %.0f changes/s unthrottled, ping every %.2f s%n",
                    eps,
                    sized.drivers(),
                    sized.riders(),
                    rate,
                    run.city.meanPingIntervalSeconds());

            assertThat(sized.riders() / (double) sized.drivers())
                    .isCloseTo(tiny.riders() / (double) tiny.drivers(), org.assertj.core.data.Offset.offset(0.05));
            assertThat(rate).isBetween(eps * 1.0, eps * 1.25);
            assertThat(run.city.meanPingIntervalSeconds()).isBetween(3.6, 4.4);
        }
    }

    @Test
    void aSeedWritesHistoryFastInMemory() {
        // one busy hour of the medium city, as a seed run steps it (the preset's 0.1-0.3 s steps)
        long started = System.nanoTime();
        CityRun run = CityRun.run(
                Profiles.volume(Volume.MEDIUM), Timing.realTime(), 11, local(3, 17), Duration.ofHours(1), 200);
        double seconds = (System.nanoTime() - started) / 1e9;
        long rows = run.setupChanges + run.changesAfterSetup;
        System.out.printf(
                Locale.ROOT,
                "medium, one evening hour in memory: %,d rows in %.1f s = %,.0f rows/s%n",
                rows,
                seconds,
                rows / seconds);

        // a floor against regressions; the figure printed is what the README states (two shared cores)
        assertThat(rows / seconds).isGreaterThan(10_000);
    }

    /**
     * What 'up' seeds by default: the last 2 hours, with a ping every 30 s per online driver (HistorySeed), at the
     * preset's step (small 0.2-0.5 s, tiny 0.5-1 s), in the worst case: ending at the evening peak. The rows are what
     * up writes and the job catches up with before results show; the live ~4 s pings would be six times as many.
     */
    @Test
    void upsTwoHoursOfHistoryAreFewRowsAndQuickToGenerate() {
        double historyPings = 30;
        long started = System.nanoTime();
        CityRun small = CityRun.run(
                Profiles.volume(Volume.SMALL),
                Timing.realTime(),
                historyPings,
                2,
                local(4, 16),
                Duration.ofHours(2),
                350);
        double smallSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        CityRun tiny = CityRun.run(
                Profiles.volume(Volume.TINY), new Timing(12), historyPings, 2, local(4, 16), Duration.ofHours(2), 750);
        double tinySeconds = (System.nanoTime() - started) / 1e9;
        CityRun livePings = CityRun.run(
                Profiles.volume(Volume.SMALL), Timing.realTime(), 2, local(4, 16), Duration.ofHours(2), 350);
        CityRun night = CityRun.run(
                Profiles.volume(Volume.SMALL),
                Timing.realTime(),
                historyPings,
                2,
                local(4, 2),
                Duration.ofHours(2),
                350);
        long smallRows = small.setupChanges + small.changesAfterSetup;
        System.out.printf(
                Locale.ROOT,
                "up's 2 h of history to 18:00, pings every 30 s, in memory: small %,d rows (%,d pings) in %.1f s; tiny "
                        + "at 12x %,d rows in %.1f s; small with 4 s pings %,d rows; small to 04:00 %,d rows%n",
                smallRows,
                small.pings,
                smallSeconds,
                tiny.setupChanges + tiny.changesAfterSetup,
                tinySeconds,
                livePings.setupChanges + livePings.changesAfterSetup,
                night.setupChanges + night.changesAfterSetup);

        assertThat(tiny.bookings.values())
                .as("whole rides at once")
                .anyMatch(b -> b.status() == BookingStatus.COMPLETED);
        assertThat(small.bookings.values()).anyMatch(b -> b.status() == BookingStatus.COMPLETED);
        assertThat(smallRows).as("rows up writes first at the busiest hour").isLessThan(60_000);
        assertThat(livePings.setupChanges + livePings.changesAfterSetup).isGreaterThan(4 * smallRows);
        assertThat(smallSeconds).isLessThan(15);
        assertThat(tinySeconds).isLessThan(10);
    }
}
