package dev.rideops.cli.bench;

import static dev.rideops.cli.bench.FaultLoad.Phase.AFTER;
import static dev.rideops.cli.bench.FaultLoad.Phase.BEFORE;
import static dev.rideops.cli.bench.FaultLoad.Phase.DURING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.scenarios.Volume;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The phases around a fault: which interval belongs where, and each phase's own figures. */
class FaultLoadTest {

    private static final long S = 1_000_000_000L;

    @Test
    void theFaultBeginsOnABoundaryAndTheIntervalItEndsInIsStillDuringIt() {
        // no fault yet
        assertThat(FaultLoad.phaseOf(0, 5 * S, -1, -1)).isEqualTo(BEFORE);
        // injected at 10 s, right after the interval that ended then
        assertThat(FaultLoad.phaseOf(5 * S, 10 * S, 10 * S, -1)).isEqualTo(BEFORE);
        assertThat(FaultLoad.phaseOf(10 * S, 15 * S, 10 * S, -1)).isEqualTo(DURING);
        // it ends at 17 s: the interval 15-20 s saw some of it
        assertThat(FaultLoad.phaseOf(15 * S, 20 * S, 10 * S, 17 * S)).isEqualTo(DURING);
        assertThat(FaultLoad.phaseOf(20 * S, 25 * S, 10 * S, 17 * S)).isEqualTo(AFTER);
    }

    @Test
    void aRateIsReachedAtThreeQuartersOfItsTarget() {
        assertThat(FaultLoad.reachable(750, 1000)).isTrue();
        assertThat(FaultLoad.reachable(749.9, 1000)).isFalse();
    }

    @Test
    void theRateBeforeTheFaultCountsTheWarmUpSoACatchUpMakesUpForADip() {
        FaultLoad.Phases phases = new FaultLoad.Phases();
        // measured in ChaosIT at 500/s: 608 and 703 in the warm-up, then 260 and 400
        phases.add(FaultLoad.Phase.WARMUP, interval(0), millis(500), 5 * S, 3040);
        phases.add(FaultLoad.Phase.WARMUP, interval(0), millis(500), 5 * S, 3515);
        phases.add(BEFORE, interval(0), millis(400), 5 * S, 1300);
        phases.add(BEFORE, interval(0), millis(400), 5 * S, 2000);

        assertThat(phases.achievedEps(BEFORE)).isEqualTo(330.0);
        assertThat(phases.achievedEpsBeforeTheFault()).isEqualTo(492.8);
        assertThat(FaultLoad.reachable(phases.achievedEpsBeforeTheFault(), 500)).isTrue();
        // a generator that never reached the rate is still refused
        FaultLoad.Phases slow = new FaultLoad.Phases();
        slow.add(FaultLoad.Phase.WARMUP, interval(0), millis(500), 10 * S, 3000);
        slow.add(BEFORE, interval(0), millis(400), 10 * S, 3000);
        assertThat(FaultLoad.reachable(slow.achievedEpsBeforeTheFault(), 500)).isFalse();
    }

    @Test
    void eachPhaseHasItsOwnLatencyRateAndPeakLagAndTheWarmUpIsLeftOut() {
        FaultLoad.Phases phases = new FaultLoad.Phases();
        phases.add(FaultLoad.Phase.WARMUP, interval(999_999), millis(9000), 5 * S, 100);
        phases.add(BEFORE, interval(40), millis(100, 120, 140), 5 * S, 5000);
        phases.add(DURING, interval(30_000), millis(8000, 12_000), 5 * S, 5000);
        phases.add(DURING, interval(12_000), millis(6000), 5 * S, 5000);
        phases.add(AFTER, interval(50), millis(150), 10 * S, 9000);

        List<FaultLoad.PhaseFigures> figures = phases.figures();

        assertThat(figures).extracting(FaultLoad.PhaseFigures::phase).containsExactly(BEFORE, DURING, AFTER);
        FaultLoad.PhaseFigures during = figures.get(1);
        assertThat(during.seconds()).isEqualTo(10.0);
        assertThat(during.achievedEps()).isEqualTo(1000.0);
        assertThat(during.snapshotMs().count()).isEqualTo(3);
        assertThat(during.snapshotMs().max()).isBetween(11_990.0, 12_010.0);
        assertThat(during.peakConsumerLag()).isEqualTo(30_000);
        assertThat(figures.get(2).achievedEps()).isEqualTo(900.0);
        assertThat(figures.get(0).snapshotMs().max()).isBetween(139.0, 141.0);
        // the warm-up's lag is not the fault's
        assertThat(phases.peakLagFromFault()).isEqualTo(30_000);
        assertThat(phases.timeline()).hasSize(5);
    }

    @Test
    void aPlanNeedsAPositiveRate() {
        assertThatThrownBy(
                        () -> new FaultLoad.Plan(0, Volume.SMALL, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO, true))
                .hasMessageContaining("--eps must be a positive rate");
    }

    private static Histogram millis(long... values) {
        Histogram h = new Histogram(VisibilityTracker.HIGHEST_MICROS, 3);
        for (long v : values) {
            h.recordValue(v * 1000);
        }
        return h;
    }

    private static Interval interval(long consumerLag) {
        return Intervals.endingAt(5).consumerLag(consumerLag).build();
    }
}
