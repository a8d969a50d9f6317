package dev.rideops.generator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DayCurveTest {

    /** Local time (UTC+7) on Tuesday 3 March 2026 or another day of that week. */
    private static Instant local(int dayOfMonth, int hour, int minute) {
        return LocalDateTime.of(2026, 3, dayOfMonth, hour, minute).toInstant(DayCurve.LOCAL);
    }

    @Test
    void theWeekAveragesOne() {
        double sum = 0;
        int n = 0;
        for (Instant t = local(2, 0, 0); t.isBefore(local(9, 0, 0)); t = t.plusSeconds(60)) {
            sum += DayCurve.demand(t);
            n++;
        }
        assertThat(sum / n).isCloseTo(1.0, within(0.01));
    }

    @Test
    void weekdaysHaveAMorningAndAHigherEveningPeakAndQuietNights() {
        int tuesday = 3;
        double night = DayCurve.demand(local(tuesday, 4, 0));
        double morning = DayCurve.demand(local(tuesday, 8, 30));
        double midday = DayCurve.demand(local(tuesday, 11, 0));
        double evening = DayCurve.demand(local(tuesday, 18, 30));

        assertThat(night).isLessThan(0.3);
        assertThat(morning).isGreaterThan(1.2).isGreaterThan(midday);
        assertThat(evening).isGreaterThan(1.5).isGreaterThan(morning);
    }

    @Test
    void weekendsStartLateAndStayBusyIntoTheNight() {
        int tuesday = 3;
        int saturday = 7;
        assertThat(DayCurve.demand(local(saturday, 8, 0))).isLessThan(DayCurve.demand(local(tuesday, 8, 0)) * 0.7);
        assertThat(DayCurve.demand(local(saturday, 23, 30)))
                .isGreaterThan(DayCurve.demand(local(tuesday, 23, 30)) * 1.4);
        assertThat(DayCurve.demand(local(saturday, 1, 0))).isGreaterThan(DayCurve.demand(local(tuesday, 1, 0)) * 2);
    }

    @Test
    void trafficIsSlowestInThePeaks() {
        for (Instant t = local(2, 0, 0); t.isBefore(local(9, 0, 0)); t = t.plusSeconds(900)) {
            assertThat(DayCurve.trafficSpeedKmh(t)).isBetween(17.0, 32.0);
        }
        assertThat(DayCurve.trafficSpeedKmh(local(3, 18, 30))).isLessThan(DayCurve.trafficSpeedKmh(local(3, 3, 0)) - 8);
    }

    @Test
    void shiftsPutMoreDriversOnlineInThePeaksThanAtNight() {
        int tuesday = 3;
        double night = Shifts.expectedOnlineShare(local(tuesday, 4, 0));
        double evening = Shifts.expectedOnlineShare(local(tuesday, 18, 0));

        assertThat(evening).isGreaterThan(2 * night);
        assertThat(Shifts.meanOnlineShare()).isBetween(0.2, 0.4);
    }
}
