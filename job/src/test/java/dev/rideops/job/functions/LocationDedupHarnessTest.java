package dev.rideops.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.cdc.LocationRow;
import dev.rideops.job.kpi.Contribution;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A redelivered ping counts once while it is among its driver's recent ids, through a checkpoint and a restore. */
class LocationDedupHarnessTest {

    private static final long HORIZON_MS = 600_000;

    private KeyedOneInputStreamOperatorTestHarness<Long, LocationRow, Contribution> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, LocationRow, Contribution> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LocationDedup(HORIZON_MS)), l -> l.driverId, Types.LONG);
    }

    private static LocationRow ping(long eventId) {
        LocationRow l = new LocationRow();
        l.eventId = eventId;
        l.driverId = 9;
        l.lat = 13.75;
        l.lon = 100.5;
        l.cell = "BKK:1:1";
        l.driverStatus = "AVAILABLE";
        l.recordedAt = 1_000L * eventId;
        return l;
    }

    private int contributionsOf(KeyedOneInputStreamOperatorTestHarness<Long, LocationRow, Contribution> h, long id)
            throws Exception {
        h.getOutput().clear();
        h.processElement(new StreamRecord<>(ping(id), 1_000L * id));
        List<Contribution> out = h.extractOutputValues();
        return out.size();
    }

    @Test
    void aRedeliveredRecentPingCountsOnceEvenAfterARestore() throws Exception {
        for (long id = 1; id <= 40; id++) {
            assertThat(contributionsOf(harness, id)).as("ping %d", id).isPositive();
        }
        assertThat(contributionsOf(harness, 40)).isZero();
        assertThat(contributionsOf(harness, 40 - LocationDedup.REMEMBERED + 1)).isZero();

        var snapshot = harness.snapshot(1, 1);
        var restored = harness();
        restored.initializeState(snapshot);
        restored.open();
        try {
            assertThat(contributionsOf(restored, 39)).isZero();
            assertThat(contributionsOf(restored, 41)).isPositive();
        } finally {
            restored.close();
        }
    }

    @Test
    void aDriversRingIsForgottenAHorizonAfterItsLastPingRoundedUpToTheMinute() throws Exception {
        harness.setProcessingTime(0);
        assertThat(contributionsOf(harness, 1)).isPositive();
        harness.setProcessingTime(30_000);
        assertThat(contributionsOf(harness, 2)).isPositive();
        // 30 s + horizon rounds up to 11 minutes: the timer of 10 minutes was deleted, not left beside it
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        // a redelivery is not a ping and does not move the forgetting
        harness.setProcessingTime(HORIZON_MS + 59_999);
        assertThat(contributionsOf(harness, 2))
                .as("remembered up to the rounded horizon")
                .isZero();
        harness.setProcessingTime(HORIZON_MS + 60_000);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(contributionsOf(harness, 2))
                .as("a redelivery later than the horizon counts again, as the catalogue says of every dedup")
                .isPositive();
    }

    @Test
    void aRingOfAnotherSizeKeepsItsNewestIdsInOrder() {
        // an older job's ring of 4 that has seen ids 1..6: slots hold 5, 6, 3, 4 and the count 6
        long[] old = {5, 6, 3, 4, 6};
        long[] ids = LocationDedup.resized(old);
        assertThat(ids).hasSize(LocationDedup.REMEMBERED + 1);
        assertThat(ids[LocationDedup.REMEMBERED]).isEqualTo(4);
        assertThat(new long[] {ids[0], ids[1], ids[2], ids[3]}).containsExactly(3, 4, 5, 6);

        // a larger old ring than this one keeps only the newest REMEMBERED
        long[] big = new long[257];
        for (int n = 0; n < 300; n++) {
            big[n % 256] = 1000 + n;
        }
        big[256] = 300;
        long[] kept = LocationDedup.resized(big);
        assertThat(kept[LocationDedup.REMEMBERED]).isEqualTo(LocationDedup.REMEMBERED);
        assertThat(kept[0]).isEqualTo(1000 + 300 - LocationDedup.REMEMBERED);
        assertThat(kept[LocationDedup.REMEMBERED - 1]).isEqualTo(1299);
    }
}
