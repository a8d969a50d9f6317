package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class VisibilityTrackerTest {

    private static final long MS = 1_000_000;

    @Test
    void aCommitIsVisibleOnceTheOutputShowsItsEventTimeAndItsLatencyIsCommitToObservation() {
        VisibilityTracker t = new VisibilityTracker();
        t.committed(100, 990 * MS, 1_000 * MS);
        t.committed(200, 1_090 * MS, 1_100 * MS);
        t.committed(300, 1_190 * MS, 1_200 * MS);

        t.visibleUpTo(250, 1_400 * MS);
        assertThat(t.pending()).isEqualTo(1);
        assertThat(t.oldestPendingMs(1_500 * MS)).isEqualTo(300);
        t.visibleUpTo(300, 1_700 * MS);

        Histogram h = t.takeInterval(true).fromCommit();
        assertThat(h.getTotalCount()).isEqualTo(3);
        assertThat(h.getMinValue()).isBetween(299_000L, 301_000L);
        assertThat(h.getMaxValue()).isBetween(499_000L, 501_000L);
        assertThat(t.pending()).isZero();
    }

    /**
     * The generator stalled: the second and third commits were due 100 ms apart on the limiter's schedule but were
     * sent a second late. From the commit they look as fast as the first; from the intended time they show the
     * second they waited.
     */
    @Test
    void latencyFromTheIntendedTimeShowsAGeneratorThatFellBehind() {
        VisibilityTracker t = new VisibilityTracker();
        t.committed(1, 0, 10 * MS);
        t.visibleUpTo(1, 60 * MS);
        t.committed(2, 100 * MS, 1_110 * MS);
        t.visibleUpTo(2, 1_160 * MS);
        t.committed(3, 200 * MS, 1_210 * MS);
        t.visibleUpTo(3, 1_260 * MS);

        VisibilityTracker.Latencies interval = t.takeInterval(true);

        Percentiles fromCommit = Percentiles.of(interval.fromCommit());
        Percentiles fromIntended = Percentiles.of(interval.fromIntended());
        assertThat(fromCommit.max()).isEqualTo(50.0);
        assertThat(fromIntended.p50()).isCloseTo(1060.0, within(1.0));
        assertThat(fromIntended.max()).isCloseTo(1060.0, within(1.0));
        assertThat(fromIntended.count()).isEqualTo(fromCommit.count());
    }

    @Test
    void aWarmUpIntervalHasItsOwnFiguresButStaysOutOfTheTotal() {
        VisibilityTracker t = new VisibilityTracker();
        t.committed(1, 0, 0);
        t.visibleUpTo(1, 5_000 * MS);
        assertThat(Percentiles.of(t.takeInterval(false).fromCommit()).max()).isCloseTo(5000.0, within(10.0));

        t.committed(2, 6_000 * MS, 6_000 * MS);
        t.visibleUpTo(2, 6_020 * MS);
        assertThat(Percentiles.of(t.takeInterval(true).fromCommit()).max()).isEqualTo(20.0);

        assertThat(t.total().fromCommit().getTotalCount()).isEqualTo(1);
        assertThat(t.total().fromIntended().getTotalCount()).isEqualTo(1);
        assertThat(Percentiles.of(t.total().fromCommit()).max()).isEqualTo(20.0);
    }

    @Test
    void theRunTotalIsTheMergeOfItsIntervals() {
        VisibilityTracker t = new VisibilityTracker();
        for (int i = 1; i <= 100; i++) {
            t.committed(i, 0, 0);
            t.visibleUpTo(i, i * MS);
            if (i == 50) {
                assertThat(Percentiles.of(t.takeInterval(true).fromCommit()).count())
                        .isEqualTo(50);
            }
        }
        Percentiles second = Percentiles.of(t.takeInterval(true).fromCommit());
        Percentiles total = Percentiles.of(t.total().fromCommit());

        assertThat(second.count()).isEqualTo(50);
        assertThat(second.p50()).isEqualTo(75.0);
        assertThat(total.count()).isEqualTo(100);
        assertThat(total.p50()).isEqualTo(50.0);
        assertThat(total.p99()).isEqualTo(99.0);
        assertThat(total.max()).isEqualTo(100.0);
    }

    @Test
    void anEmptyHistogramHasNoFigures() {
        Percentiles p =
                Percentiles.of(new VisibilityTracker().takeInterval(true).fromIntended());
        assertThat(p.count()).isZero();
        assertThat(p.p99()).isNull();
    }

    /** A warm-up commit still in flight when the schedule restarts is timed from its commit, not the old schedule. */
    @Test
    void aRestartedScheduleTimesCommitsInFlightFromTheirCommit() {
        VisibilityTracker t = new VisibilityTracker();
        t.committed(1, 0, 7_000 * MS);
        t.restartSchedule();
        t.committed(2, 7_050 * MS, 7_060 * MS);
        t.visibleUpTo(2, 7_500 * MS);

        Histogram intended = t.takeInterval(true).fromIntended();
        assertThat(intended.getTotalCount()).isEqualTo(2);
        assertThat(intended.getMaxValue()).isBetween(499_000L, 501_000L);
    }

    /**
     * Three commits; Kafka's records come 80 ms after each commit, the snapshot shows the first two at once and the
     * third later. Each commit's legs add up to its commit-to-visible.
     */
    @Test
    void theKafkaLegSplitsEachCommitsLatencyAtItsRecordsTimestamp() {
        VisibilityTracker t = new VisibilityTracker(0);
        t.tracksKafka();
        t.committed(100, 1_000 * MS, 1_000 * MS);
        t.committed(200, 1_100 * MS, 1_100 * MS);
        t.committed(300, 1_200 * MS, 1_200 * MS);

        assertThat(t.notInKafka()).isEqualTo(3);
        t.inKafkaUpTo(100, 1_080);
        t.inKafkaUpTo(250, 1_180);
        assertThat(t.notInKafka()).as("the third's record not read yet").isEqualTo(1);
        t.visibleUpTo(200, 1_500 * MS);
        t.inKafkaUpTo(300, 1_280);
        t.visibleUpTo(300, 2_000 * MS);

        VisibilityTracker.Latencies l = t.takeInterval(true);
        Percentiles toKafka = Percentiles.of(l.toKafka());
        Percentiles fromKafka = Percentiles.of(l.fromKafka());
        Percentiles fromCommit = Percentiles.of(l.fromCommit());
        assertThat(toKafka.count()).isEqualTo(3);
        assertThat(toKafka.p50()).isCloseTo(80.0, within(0.5));
        assertThat(toKafka.max()).isCloseTo(80.0, within(0.5));
        assertThat(fromKafka.count()).isEqualTo(3);
        assertThat(l.fromKafka().getMinValue()).isBetween(319_000L, 321_000L); // the second: 1,500 - 1,180
        assertThat(l.fromKafka().getMaxValue()).isBetween(719_000L, 721_000L); // the third: 2,000 - 1,280
        assertThat(fromCommit.max()).isCloseTo(800.0, within(1.0)); // 80 + 720
    }

    /** The tail read the record after the output showed the change: the legs still come from the record's time. */
    @Test
    void aCommitVisibleBeforeTheTailReadItsRecordGetsItsLegsFromTheRecordsTimestamp() {
        VisibilityTracker t = new VisibilityTracker(0);
        t.tracksKafka();
        t.committed(100, 1_000 * MS, 1_000 * MS);
        t.visibleUpTo(100, 1_400 * MS);
        assertThat(t.pending()).isZero();

        t.inKafkaUpTo(100, 1_050);

        VisibilityTracker.Latencies l = t.takeInterval(true);
        assertThat(l.toKafka().getMaxValue()).isBetween(49_000L, 51_000L);
        assertThat(l.fromKafka().getMaxValue()).isBetween(349_000L, 351_000L);
    }

    @Test
    void withoutTheKafkaLegOrOnceItStopsTheSplitStaysEmptyAndNothingWaitsForIt() {
        VisibilityTracker untracked = new VisibilityTracker(0);
        untracked.committed(100, 0, 1_000 * MS);
        untracked.inKafkaUpTo(100, 1_050);
        untracked.visibleUpTo(100, 1_400 * MS);
        VisibilityTracker.Latencies none = untracked.takeInterval(true);
        assertThat(none.fromCommit().getTotalCount()).isEqualTo(1);
        assertThat(none.toKafka().getTotalCount()).isZero();
        assertThat(none.fromKafka().getTotalCount()).isZero();

        VisibilityTracker stopped = new VisibilityTracker(0);
        stopped.tracksKafka();
        stopped.committed(100, 0, 1_000 * MS);
        stopped.stopsTrackingKafka();
        stopped.committed(200, 0, 1_100 * MS);
        stopped.inKafkaUpTo(200, 1_150);
        stopped.visibleUpTo(200, 1_500 * MS);
        VisibilityTracker.Latencies after = stopped.takeInterval(true);
        assertThat(after.fromCommit().getTotalCount()).isEqualTo(2);
        assertThat(after.toKafka().getTotalCount()).isZero();
        assertThat(after.fromKafka().getTotalCount()).isZero();
    }
}
