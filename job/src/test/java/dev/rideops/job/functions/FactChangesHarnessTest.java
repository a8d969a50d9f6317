package dev.rideops.job.functions;

import static dev.rideops.job.Events.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.contract.DeadLetterReason;
import dev.rideops.job.cdc.ChangeKind;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.cdc.PaymentRow;
import dev.rideops.job.cdc.RatingRow;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.FactKpis;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A payment's or rating's buckets follow its changes: the old image is taken back, the new one added. */
class FactChangesHarnessTest {

    private static final long HORIZON_MS = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<Long, PaymentRow, Contribution> payments;

    @BeforeEach
    void open() throws Exception {
        payments = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FactChanges<>(
                        FactKpis.PAYMENT, TypeInformation.of(PaymentRow.class), "payments", HORIZON_MS)),
                p -> p.paymentId,
                Types.LONG);
        payments.open();
        payments.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        payments.close();
    }

    private static PaymentRow payment(String status, double amount, byte change) {
        PaymentRow p = new PaymentRow();
        p.paymentId = 1;
        p.bookingId = 7;
        p.amount = amount;
        p.status = status;
        p.createdAt = micros(3);
        p.change = change;
        return p;
    }

    /** What came out, MINUTE only, as "metric +value" or "metric -value". */
    private List<String> minuteContributions(List<Contribution> all) {
        return all.stream()
                .filter(c -> c.granularity.equals("MINUTE"))
                .map(c -> c.metric + (c.retract ? " -" : " +") + c.value)
                .toList();
    }

    private List<Contribution> drain() {
        List<Contribution> out = payments.extractOutputValues();
        payments.getOutput().clear();
        return out;
    }

    @Test
    void stateIsAPojoNotKryo() {
        assertThat(TypeInformation.of(PaymentRow.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(RatingRow.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void aRefundTakesBackTheCollectedAmountAndKeepsThePaymentCounted() throws Exception {
        payments.processElement(new StreamRecord<>(payment("PAID", 12.5, ChangeKind.CREATE), 3000));
        assertThat(minuteContributions(drain())).containsExactly("payments +1.0", "payments_collected +12.5");

        payments.processElement(new StreamRecord<>(payment("PAID", 12.5, ChangeKind.CREATE), 3000));
        assertThat(drain()).as("a redelivery adds nothing").isEmpty();

        payments.processElement(new StreamRecord<>(payment("REFUNDED", 12.5, ChangeKind.UPDATE), 3000));
        assertThat(minuteContributions(drain()))
                .containsExactly("payments -1.0", "payments_collected -12.5", "payments +1.0");

        payments.processElement(new StreamRecord<>(payment("REFUNDED", 12.5, ChangeKind.UPDATE), 3000));
        assertThat(drain()).isEmpty();
    }

    @Test
    void aDeleteTakesEverythingBackAndAReplayAfterItAddsNothing() throws Exception {
        payments.processElement(new StreamRecord<>(payment("FAILED", 9, ChangeKind.CREATE), 3000));
        drain();
        PaymentRow gone = new PaymentRow();
        gone.paymentId = 1;
        gone.change = ChangeKind.DELETE;
        payments.processElement(new StreamRecord<>(gone, 60_000));
        assertThat(minuteContributions(drain())).containsExactly("payments -1.0", "payments_failed -1.0");

        payments.processElement(new StreamRecord<>(payment("FAILED", 9, ChangeKind.CREATE), 3000));
        assertThat(drain()).isEmpty();

        payments.setProcessingTime(HORIZON_MS);
        assertThat(payments.numKeyedStateEntries()).isZero();
        assertThat(payments.numProcessingTimeTimers()).isZero();
    }

    @Test
    void afterTheHorizonADeleteUsesItsBeforeImageAndAnUpdateIsDeadLettered() throws Exception {
        payments.processElement(new StreamRecord<>(payment("PAID", 12.5, ChangeKind.CREATE), 3000));
        payments.setProcessingTime(HORIZON_MS);
        assertThat(payments.numKeyedStateEntries()).isZero();
        drain();

        payments.processElement(new StreamRecord<>(payment("REFUNDED", 12.5, ChangeKind.UPDATE), 3000));
        assertThat(drain())
                .as("what to take back is unknown: nothing rather than twice")
                .isEmpty();
        assertThat(payments.getSideOutput(FactChanges.UNTRACKED))
                .extracting(r -> r.getValue().reason)
                .singleElement()
                .asString()
                .contains("payments row 1")
                .contains("old contribution is unknown");
        DeadLetter untracked =
                payments.getSideOutput(FactChanges.UNTRACKED).peek().getValue();
        assertThat(DeadLetterReason.of(untracked.topic, untracked.reason)).isEqualTo(DeadLetterReason.UNTRACKED_CHANGE);

        payments.processElement(new StreamRecord<>(payment("PAID", 12.5, ChangeKind.DELETE), 60_000));
        assertThat(minuteContributions(drain())).containsExactly("payments -1.0", "payments_collected -12.5");
    }

    @Test
    void aBootstrapReadAddsNothing() throws Exception {
        payments.processElement(new StreamRecord<>(payment("PAID", 12.5, ChangeKind.BOOTSTRAP), 3000));
        assertThat(drain()).isEmpty();
        assertThat(payments.numKeyedStateEntries()).isZero();
    }

    @Test
    void anEditedRatingMovesItsMeans() throws Exception {
        var ratings = new KeyedOneInputStreamOperatorTestHarness<Long, RatingRow, Contribution>(
                new KeyedProcessOperator<>(
                        new FactChanges<>(FactKpis.RATING, TypeInformation.of(RatingRow.class), "ratings", HORIZON_MS)),
                r -> r.bookingId,
                Types.LONG);
        ratings.open();
        try {
            RatingRow given = new RatingRow();
            given.bookingId = 7;
            given.driverRating = 5;
            given.createdAt = micros(4);
            ratings.processElement(new StreamRecord<>(given, 4000));
            RatingRow edited = new RatingRow();
            edited.bookingId = 7;
            edited.driverRating = 2;
            edited.riderRating = 4;
            edited.createdAt = micros(4);
            edited.change = ChangeKind.UPDATE;
            ratings.processElement(new StreamRecord<>(edited, 4000));

            assertThat(minuteContributions(ratings.extractOutputValues()))
                    .containsExactly(
                            "ratings +1.0",
                            "avg_driver_rating +5.0",
                            "ratings -1.0",
                            "avg_driver_rating -5.0",
                            "ratings +1.0",
                            "avg_driver_rating +2.0",
                            "avg_rider_rating +4.0");
        } finally {
            ratings.close();
        }
    }
}
