package dev.rideops.cli.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.reporting.MartActivity.MinuteValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiWindowsTest {

    private static final Instant NEWEST = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration RECENT = Duration.ofMinutes(5);
    private static final Duration BASELINE = Duration.ofMinutes(30);

    /** The bucket {@code minutesBefore} the newest one, with its requested, accepted and cancelled rides. */
    private static List<MinuteValue> minute(int minutesBefore, double requested, double accepted, double cancelled) {
        Instant start = NEWEST.minus(Duration.ofMinutes(minutesBefore));
        return List.of(
                new MinuteValue(start, "rides_requested", requested),
                new MinuteValue(start, "rides_accepted", accepted),
                new MinuteValue(start, "rides_cancelled", cancelled));
    }

    @Test
    void theRecentWindowEndsBeforeTheNewestBucketAndTheBaselineCoversTheMinutesBeforeIt() {
        List<MinuteValue> values = new ArrayList<>();
        values.addAll(minute(0, 50, 0, 50)); // the newest bucket is still filling: left out
        for (int m = 1; m <= 5; m++) {
            values.addAll(minute(m, 10, 4, 3)); // recent
        }
        for (int m = 6; m <= 35; m++) {
            values.addAll(minute(m, 20, 18, 1)); // baseline
        }
        values.addAll(minute(36, 1000, 0, 1000)); // before the baseline: left out
        values.add(new MinuteValue(NEWEST.minus(Duration.ofMinutes(2)), "gmv", 99)); // another metric

        KpiWindows w = KpiWindows.of(values, NEWEST, RECENT, BASELINE);

        assertThat(w.requestedRecent()).isEqualTo(50);
        assertThat(w.requestedBaseline()).isEqualTo(600);
        assertThat(w.matchRate()).isEqualTo(0.4);
        assertThat(w.matchRateBaseline()).isEqualTo(0.9);
        assertThat(w.cancelRate()).isEqualTo(0.3);
        assertThat(w.cancelRateBaseline()).isEqualTo(30 / 600.0);
        assertThat(KpiWindows.from(NEWEST, RECENT, BASELINE)).isEqualTo(NEWEST.minus(Duration.ofMinutes(35)));
    }

    /** Sums, not a mean of ratios: a quiet minute with one unmatched request does not halve the rate. */
    @Test
    void ratesWeighEachMinuteByItsRequests() {
        List<MinuteValue> values = new ArrayList<>();
        values.addAll(minute(1, 1, 0, 1));
        values.addAll(minute(2, 99, 99, 0));

        assertThat(KpiWindows.of(values, NEWEST, RECENT, BASELINE).matchRate()).isEqualTo(0.99);
    }

    @Test
    void aWindowWithoutRequestsHasNoRates() {
        KpiWindows w = KpiWindows.of(minute(3, 40, 30, 2), NEWEST, RECENT, BASELINE);

        assertThat(w.matchRateBaseline()).isNull();
        assertThat(w.cancelRateBaseline()).isNull();
        assertThat(w.requestedBaseline()).isZero();
        assertThat(w.matchRate()).isEqualTo(0.75);
    }
}
