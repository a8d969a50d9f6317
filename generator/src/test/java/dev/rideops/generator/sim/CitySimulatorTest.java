package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.generator.model.BookingRow;
import dev.rideops.generator.model.BookingStatus;
import dev.rideops.generator.model.Change;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.Profiles;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CitySimulatorTest {

    @Test
    void everyGeneratedBookingFollowsTheStateMachine() {
        Simulation sim = Simulation.small(LoadScenario.STEADY, 11, 4000);

        assertThat(BookingLifecycleChecker.replay(sim.changes()).violations).isEmpty();
        Map<BookingStatus, Long> byStatus =
                finalRows(sim).stream().collect(Collectors.groupingBy(BookingRow::status, Collectors.counting()));
        assertThat(byStatus.get(BookingStatus.COMPLETED)).isGreaterThan(100);
        assertThat(byStatus.get(BookingStatus.CANCELLED)).isPositive();
        // An ordinary day: most rides that end, end completed.
        assertThat(byStatus.get(BookingStatus.COMPLETED)).isGreaterThan(2 * byStatus.get(BookingStatus.CANCELLED));
    }

    @Test
    void driversAreBusyExactlyWhileServingAnOpenBooking() {
        BookingLifecycleChecker replay = BookingLifecycleChecker.replay(
                Simulation.small(LoadScenario.STEADY, 12, 3000).changes());

        assertThat(replay.violations).isEmpty();
        assertThat(replay.driverConsistency()).isEmpty();
    }

    @Test
    void sameSeedGivesTheSameCity() {
        List<Change> a = Simulation.small(LoadScenario.STEADY, 99, 500).changes();
        List<Change> b = Simulation.small(LoadScenario.STEADY, 99, 500).changes();
        List<Change> c = Simulation.small(LoadScenario.STEADY, 100, 500).changes();

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void completedFaresFollowTheTariff() {
        for (BookingRow b : finalRows(Simulation.small(LoadScenario.STEADY, 13, 3000))) {
            if (b.status() != BookingStatus.COMPLETED) {
                continue;
            }
            double seconds = Duration.between(b.startedAt(), b.completedAt()).toMillis() / 1000.0;
            int promo =
                    b.promoCode() == null ? 0 : Integer.parseInt(b.promoCode().replaceAll("\\D", ""));
            assertThat(b.fareAmount())
                    .isEqualByComparingTo(Fares.fare(
                            b.vehicleType(),
                            b.distanceKm().doubleValue(),
                            new Timing(Timing.COMPRESSED).billedMinutes(seconds),
                            b.surgeMultiplier(),
                            promo));
        }
    }

    @Test
    void surgeScenarioConcentratesDemandInHotCellsAndRaisesPrices() {
        Simulation steady = Simulation.small(LoadScenario.STEADY, 21, 6000);
        Simulation surge = Simulation.small(Profiles.scenario("surge"), 21, 6000);
        List<String> hot = surge.city().hotCells();

        assertThat(requests(surge).size()).isGreaterThan((int) (requests(steady).size() * 1.3));
        assertThat(share(requests(surge), b -> hot.contains(b.pickupCell())))
                .isGreaterThan(3 * share(requests(steady), b -> hot.contains(b.pickupCell())));
        assertThat(meanSurge(surge, hot)).isGreaterThan(meanSurge(steady, hot) + 0.05);
    }

    @Test
    void badWeatherTakesDriversOffAndMakesTripsLongerAndCancellationsMoreCommon() {
        Simulation steady = Simulation.small(LoadScenario.STEADY, 31, 6000);
        Simulation rain = Simulation.small(Profiles.scenario("bad-weather"), 31, 6000);

        assertThat(rain.city().onlineShare()).isLessThan(steady.city().onlineShare() * 0.75);
        assertThat(cancelRate(rain)).isGreaterThan(cancelRate(steady) * 1.3);
        assertThat(meanTripSeconds(rain)).isGreaterThan(meanTripSeconds(steady) * 1.3);
    }

    @Test
    void driversOfflineLeavesMostRequestsUnmatchedAndCancelled() {
        Simulation steady = Simulation.small(LoadScenario.STEADY, 41, 6000);
        Simulation exodus = Simulation.small(Profiles.scenario("drivers-offline"), 41, 6000);

        assertThat(exodus.city().onlineShare()).isLessThan(0.15);
        assertThat(matchRate(exodus)).isLessThan(matchRate(steady) * 0.5);
        assertThat(cancelRate(exodus)).isGreaterThan(cancelRate(steady) + 0.2);
    }

    @Test
    void correctionsRefundEditAndDeleteOnlyWhatTheSchemaAllows() {
        Simulation sim = Simulation.small(Profiles.scenario("corrections"), 41, 6000);
        BookingLifecycleChecker replay = BookingLifecycleChecker.replay(sim.changes());

        assertThat(replay.violations).isEmpty();
        assertThat(replay.driverConsistency()).isEmpty();
        Map<Class<?>, Long> kinds =
                sim.changes().stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        assertThat(kinds.get(Change.PaymentRefund.class)).isPositive();
        assertThat(kinds.get(Change.RatingEdit.class)).isPositive();
        assertThat(kinds.get(Change.BookingDelete.class)).isPositive();
        assertThat(kinds.get(Change.DriverDelete.class)).isPositive();
        // modest: a few percent of the bookings, not a purge
        assertThat(replay.deletedBookings().size()).isLessThan(requests(sim).size() / 5);
    }

    @Test
    void steadyMakesNoCorrections() {
        assertThat(Simulation.small(LoadScenario.STEADY, 41, 3000).changes())
                .noneMatch(c -> c instanceof Change.PaymentRefund
                        || c instanceof Change.RatingEdit
                        || c instanceof Change.BookingDelete
                        || c instanceof Change.DriverDelete);
    }

    private static double matchRate(Simulation sim) {
        Collection<BookingRow> rows = finalRows(sim);
        return rows.stream().filter(b -> b.acceptedAt() != null).count() / (double) rows.size();
    }

    private static Collection<BookingRow> finalRows(Simulation sim) {
        return BookingLifecycleChecker.replay(sim.changes()).bookings().values();
    }

    private static List<BookingRow> requests(Simulation sim) {
        return sim.changes().stream()
                .filter(c -> c instanceof Change.BookingInsert)
                .map(c -> ((Change.BookingInsert) c).row())
                .toList();
    }

    private static double share(List<BookingRow> rows, Predicate<BookingRow> which) {
        return rows.stream().filter(which).count() / (double) rows.size();
    }

    private static double meanSurge(Simulation sim, List<String> cells) {
        return requests(sim).stream()
                .filter(b -> cells.contains(b.pickupCell()))
                .mapToDouble(b -> b.surgeMultiplier().doubleValue())
                .average()
                .orElse(1.0);
    }

    private static double cancelRate(Simulation sim) {
        Collection<BookingRow> rows = finalRows(sim);
        return rows.stream().filter(b -> b.status() == BookingStatus.CANCELLED).count() / (double) rows.size();
    }

    private static double meanTripSeconds(Simulation sim) {
        return finalRows(sim).stream()
                        .filter(b -> b.status() == BookingStatus.COMPLETED)
                        .mapToLong(b ->
                                Duration.between(b.startedAt(), b.completedAt()).toMillis())
                        .average()
                        .orElse(0)
                / 1000;
    }
}
