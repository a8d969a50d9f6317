package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The automatic warm-up's rule, fed intervals as a step would close them. */
class SteadyRuleTest {

    private static Interval interval(double end, double achieved, long lag, Double p99) {
        Percentiles snapshot = p99 == null ? Intervals.NO_LATENCY : Intervals.p99(100, p99);
        return Intervals.endingAt(end)
                .warmup(true)
                .rate(5000)
                .achieved(achieved)
                .consumerLag(lag)
                .snapshot(snapshot)
                .snapshotIntended(snapshot)
                .build();
    }

    private static List<Interval> steadyAfter(List<Interval> warming) {
        List<Interval> all = new ArrayList<>(warming);
        double end = warming.isEmpty() ? 0 : warming.get(warming.size() - 1).endSeconds();
        all.add(interval(end + 10, 4990, 800, 600.0));
        all.add(interval(end + 20, 5010, 900, 650.0));
        all.add(interval(end + 30, 4950, 700, 700.0));
        return all;
    }

    @Test
    void threeIntervalsOnTargetWithFlatLagAndCloseP99sAreSteady() {
        SteadyRule.Verdict v = SteadyRule.judge(steadyAfter(List.of(interval(10, 2000, 50_000, 4000.0))));

        assertThat(v.steady()).isTrue();
        assertThat(v.unsteady()).isEmpty();
        assertThat(v.describe()).isEqualTo("steady");
    }

    @Test
    void fewerThanThreeIntervalsAreNotEnough() {
        SteadyRule.Verdict v = SteadyRule.judge(List.of(interval(10, 5000, 0, 500.0), interval(20, 5000, 0, 500.0)));

        assertThat(v.steady()).isFalse();
        assertThat(v.describe()).isEqualTo("not steady yet: 2 of 3 intervals so far");
    }

    @Test
    void aRateMoreThanTwoPercentOffTheTargetIsNamed() {
        List<Interval> intervals = steadyAfter(List.of());
        intervals.add(interval(40, 4880, 800, 650.0));

        SteadyRule.Verdict v = SteadyRule.judge(intervals);

        assertThat(v.steady()).isFalse();
        assertThat(v.unsteady()).containsExactly("achieved 4880/s is 2.4 % off the target 5000/s");
    }

    @Test
    void growingLagIsNamedWithItsSlope() {
        List<Interval> intervals = List.of(
                interval(10, 5000, 1000, 600.0), interval(20, 5000, 3000, 600.0), interval(30, 5000, 5000, 600.0));

        assertThat(SteadyRule.judge(intervals).unsteady()).containsExactly("consumer lag growing by 200 records/s");
    }

    @Test
    void p99sMoreThanTwentyPercentApartAreNamed() {
        List<Interval> intervals =
                List.of(interval(10, 5000, 0, 600.0), interval(20, 5000, 0, 730.0), interval(30, 5000, 0, 650.0));

        assertThat(SteadyRule.judge(intervals).unsteady())
                .containsExactly("snapshot p99 ranges 600-730 ms, more than 20 % apart");
        assertThat(SteadyRule.judge(List.of(
                                interval(10, 5000, 0, 600.0),
                                interval(20, 5000, 0, 720.0),
                                interval(30, 5000, 0, 650.0)))
                        .steady())
                .isTrue();
    }

    @Test
    void anIntervalWithoutLatencyIsNotSteadyAndEveryReasonIsGiven() {
        List<Interval> intervals = List.of(
                interval(10, 3000, 1000, 600.0), interval(20, 3000, 5000, null), interval(30, 3000, 9000, 650.0));

        assertThat(SteadyRule.judge(intervals).describe())
                .isEqualTo("not steady yet: achieved 3000/s is 40.0 % off the target 5000/s; consumer lag growing by "
                        + "400 records/s; no snapshot latency in every interval");
    }
}
