package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ramp steps, the search for the highest rate that holds, and when lag counts as bounded. */
class RateControlTest {

    @Test
    void aRampListsEveryStepUpToItsEnd() {
        assertThat(Ramp.parse("1000:5000:1000")).containsExactly(1000, 2000, 3000, 4000, 5000);
        assertThat(Ramp.parse("1000:2500:1000")).containsExactly(1000, 2000, 2500);
        assertThat(Ramp.parse("500:500:100")).containsExactly(500);
    }

    @Test
    void aBadRampSaysWhatIsWrong() {
        assertThatThrownBy(() -> Ramp.parse("1000-5000")).hasMessageContaining("FROM:TO:STEP");
        assertThatThrownBy(() -> Ramp.parse("5000:1000:1000")).hasMessageContaining("FROM <= TO");
        assertThatThrownBy(() -> Ramp.parse("a:b:c")).hasMessageContaining("whole numbers");
    }

    @Test
    void theSearchDoublesThenBisectsToTheResolution() {
        List<Integer> probes = new ArrayList<>();
        int found = MaxRateSearch.find(1000, 100_000, 500, 20, rate -> {
            probes.add(rate);
            return rate <= 7300;
        });
        assertThat(found).isEqualTo(7000);
        assertThat(probes).startsWith(1000, 2000, 4000, 8000);
        assertThat(probes).allMatch(r -> r % 500 == 0);
    }

    @Test
    void theSearchStopsAtItsProbeBudgetAndReportsZeroWhenNothingHolds() {
        List<Integer> probes = new ArrayList<>();
        assertThat(MaxRateSearch.find(1000, 100_000, 500, 3, rate -> probes.add(rate)))
                .isEqualTo(4000);
        assertThat(probes).hasSize(3);
        assertThat(MaxRateSearch.find(1000, 100_000, 500, 8, rate -> false)).isZero();
    }

    private static Interval interval(double end, long lag) {
        return Intervals.endingAt(end).consumerLag(lag).build();
    }

    @Test
    void lagIsBoundedWhenFlatAndGrowingWhenItClimbs() {
        List<Interval> flat = List.of(interval(10, 300), interval(20, 500), interval(30, 200), interval(40, 400));
        List<Interval> climbing =
                List.of(interval(10, 1000), interval(20, 3000), interval(30, 5000), interval(40, 7000));
        assertThat(LagTrend.bounded(flat, 1000)).isTrue();
        assertThat(LagTrend.slope(climbing)).isEqualTo(200.0);
        assertThat(LagTrend.bounded(climbing, 1000)).isFalse();
    }
}
