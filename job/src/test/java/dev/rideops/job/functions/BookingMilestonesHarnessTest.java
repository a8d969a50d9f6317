package dev.rideops.job.functions;

import static dev.rideops.job.Events.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.cdc.BookingRow;
import dev.rideops.job.cdc.ChangeKind;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.SnapshotDelta;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** open_bookings deltas and milestone dedup per booking, on Flink's operator test harness. */
class BookingMilestonesHarnessTest {

    private static final long HORIZON_MS = 3_600_000;

    private static BookingRow row(String status, Double cancelled) {
        BookingRow b = new BookingRow();
        b.bookingId = 1;
        b.riderId = 2;
        b.status = status;
        b.surgeMultiplier = 1;
        b.requestedAt = micros(0);
        b.cancelledAt = cancelled == null ? null : micros(cancelled);
        b.cancelledBy = cancelled == null ? null : "RIDER";
        b.updatedAt = cancelled == null ? micros(0) : micros(cancelled);
        return b;
    }

    @Test
    void opensOnceClosesOnceAndAReplayedOpenChangeDoesNotReopen() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, BookingRow, Contribution>(
                new KeyedProcessOperator<>(new BookingMilestones(HORIZON_MS)), b -> b.bookingId, Types.LONG);
        harness.open();
        try {
            harness.processElement(new StreamRecord<>(row("REQUESTED", null), 0));
            harness.processElement(new StreamRecord<>(row("REQUESTED", null), 0));
            harness.processElement(new StreamRecord<>(row("CANCELLED", 30.0), 30_000));
            harness.processElement(new StreamRecord<>(row("REQUESTED", null), 0));

            assertThat(harness.getSideOutput(BookingMilestones.SNAPSHOT))
                    .extracting(r -> r.getValue())
                    .extracting(d -> ((SnapshotDelta) d).delta)
                    .containsExactly(1L, -1L);
            assertThat(harness.extractOutputValues())
                    .extracting(c -> c.metric)
                    .filteredOn(m -> m.equals("rides_requested"))
                    .hasSize(2);
            assertThat(harness.extractOutputValues())
                    .extracting(c -> c.metric)
                    .filteredOn(m -> m.equals("rides_cancelled_by_rider"))
                    .hasSize(2);
        } finally {
            harness.close();
        }
    }

    @Test
    void aClosedBookingIsForgottenAfterTheHorizonAnOpenOneIsKept() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, BookingRow, Contribution>(
                new KeyedProcessOperator<>(new BookingMilestones(HORIZON_MS)), b -> b.bookingId, Types.LONG);
        harness.open();
        try {
            harness.setProcessingTime(0);
            BookingRow open = row("REQUESTED", null);
            open.bookingId = 2;
            harness.processElement(new StreamRecord<>(open, 0));
            harness.processElement(new StreamRecord<>(row("CANCELLED", 30.0), 30_000));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

            harness.setProcessingTime(HORIZON_MS - 1);
            assertThat(harness.numKeyedStateEntries())
                    .as("a replay within the horizon still finds it")
                    .isEqualTo(2);
            harness.setProcessingTime(HORIZON_MS);
            assertThat(harness.numKeyedStateEntries())
                    .as("only the open booking")
                    .isEqualTo(1);
            assertThat(harness.numProcessingTimeTimers()).isZero();
        } finally {
            harness.close();
        }
    }

    @Test
    void aDeletedOpenBookingLeavesOpenBookingsTakesBackItsMilestonesAndIgnoresReplays() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, BookingRow, Contribution>(
                new KeyedProcessOperator<>(new BookingMilestones(HORIZON_MS)), b -> b.bookingId, Types.LONG);
        harness.open();
        try {
            harness.setProcessingTime(0);
            harness.processElement(new StreamRecord<>(row("REQUESTED", null), 0));
            int added = harness.extractOutputValues().size();
            BookingRow deleted = row("REQUESTED", null);
            deleted.change = ChangeKind.DELETE;
            deleted.updatedAt = micros(90);
            harness.processElement(new StreamRecord<>(deleted, 90_000));
            harness.processElement(new StreamRecord<>(row("REQUESTED", null), 0));
            harness.processElement(new StreamRecord<>(deleted, 90_000));

            assertThat(harness.getSideOutput(BookingMilestones.SNAPSHOT))
                    .extracting(r -> ((SnapshotDelta) r.getValue()).delta)
                    .containsExactly(1L, -1L);
            List<Contribution> all = harness.extractOutputValues();
            assertThat(all).hasSize(2 * added);
            List<Contribution> taken = all.subList(added, all.size());
            assertThat(taken).allMatch(c -> c.retract);
            for (int i = 0; i < added; i++) {
                Contribution a = all.get(i);
                Contribution t = taken.get(i);
                assertThat(t.metric + t.bucketStart + t.value + t.member + t.cell)
                        .isEqualTo(a.metric + a.bucketStart + a.value + a.member + a.cell);
            }

            harness.setProcessingTime(HORIZON_MS);
            assertThat(harness.numKeyedStateEntries()).isZero();
        } finally {
            harness.close();
        }
    }

    @Test
    void aDeletedClosedBookingTakesBackOnlyTheMilestonesCounted() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, BookingRow, Contribution>(
                new KeyedProcessOperator<>(new BookingMilestones(HORIZON_MS)), b -> b.bookingId, Types.LONG);
        harness.open();
        try {
            harness.processElement(new StreamRecord<>(row("CANCELLED", 30.0), 30_000));
            BookingRow deleted = row("CANCELLED", 30.0);
            deleted.change = ChangeKind.DELETE;
            harness.processElement(new StreamRecord<>(deleted, 90_000));

            assertThat(harness.getSideOutput(BookingMilestones.SNAPSHOT))
                    .as("never counted open")
                    .isNull();
            assertThat(harness.extractOutputValues())
                    .filteredOn(c -> c.retract && c.granularity.equals("MINUTE"))
                    .extracting(c -> c.metric)
                    .containsExactlyInAnyOrder(
                            "rides_requested",
                            "avg_surge_multiplier",
                            "avg_estimated_fare",
                            "active_riders",
                            "cell_requests",
                            "cell_avg_surge",
                            "rides_cancelled",
                            "rides_cancelled_by_rider");
        } finally {
            harness.close();
        }
    }

    @Test
    void aBootstrapReadCountsAnUnseenOpenBookingOnceAndAddsNoHistory() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, BookingRow, Contribution>(
                new KeyedProcessOperator<>(new BookingMilestones(HORIZON_MS)), b -> b.bookingId, Types.LONG);
        harness.open();
        try {
            BookingRow read = row("REQUESTED", null);
            read.change = ChangeKind.BOOTSTRAP;
            harness.processElement(new StreamRecord<>(read, 0));
            harness.processElement(new StreamRecord<>(read, 0));
            assertThat(harness.extractOutputValues())
                    .as("its request is history the job did not see")
                    .isEmpty();

            BookingRow accepted = row("ACCEPTED", null);
            accepted.acceptedAt = micros(20);
            accepted.updatedAt = micros(20);
            harness.processElement(new StreamRecord<>(accepted, 20_000));
            assertThat(harness.extractOutputValues())
                    .extracting(c -> c.metric)
                    .contains("rides_accepted")
                    .doesNotContain("rides_requested");

            BookingRow other = row("REQUESTED", null);
            other.bookingId = 2;
            harness.processElement(new StreamRecord<>(other, 0));
            BookingRow otherRead = row("REQUESTED", null);
            otherRead.bookingId = 2;
            otherRead.change = ChangeKind.BOOTSTRAP;
            harness.processElement(new StreamRecord<>(otherRead, 0));
            BookingRow closedRead = row("CANCELLED", 30.0);
            closedRead.bookingId = 3;
            closedRead.change = ChangeKind.BOOTSTRAP;
            harness.processElement(new StreamRecord<>(closedRead, 30_000));

            assertThat(harness.getSideOutput(BookingMilestones.SNAPSHOT))
                    .extracting(r -> ((SnapshotDelta) r.getValue()).delta)
                    .as("booking 1 by its read, booking 2 by its stream only, booking 3 closed")
                    .containsExactly(1L, 1L);
        } finally {
            harness.close();
        }
    }
}
