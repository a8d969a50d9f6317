package dev.rideops.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.cdc.ChangeKind;
import dev.rideops.job.cdc.DriverRow;
import dev.rideops.job.cdc.LocationRow;
import dev.rideops.job.kpi.LocationDoc;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A ping without its own status takes the driver's newest; a deleted driver's is kept a horizon, then forgotten. */
class LocationEnricherHarnessTest {

    private static final long HORIZON_MS = 600_000;

    private KeyedTwoInputStreamOperatorTestHarness<Long, LocationRow, DriverRow, LocationDoc> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LocationEnricher(HORIZON_MS)),
                l -> l.driverId,
                d -> d.driverId,
                Types.LONG);
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static DriverRow driver(String status, byte change) {
        DriverRow d = new DriverRow();
        d.driverId = 7;
        d.status = status;
        d.updatedAt = 1_000;
        d.change = change;
        return d;
    }

    private String statusOfAPingWithoutItsOwn() throws Exception {
        LocationRow l = new LocationRow();
        l.eventId = 1;
        l.driverId = 7;
        l.recordedAt = 2_000;
        harness.getOutput().clear();
        harness.processElement1(new StreamRecord<>(l, 2_000));
        return harness.extractOutputValues().get(0).status;
    }

    @Test
    void aDeletedDriversStatusServesPingsInFlightForAHorizonThenIsForgotten() throws Exception {
        harness.processElement2(new StreamRecord<>(driver("ON_TRIP", ChangeKind.CREATE), 1_000));
        assertThat(statusOfAPingWithoutItsOwn()).isEqualTo("ON_TRIP");

        harness.processElement2(new StreamRecord<>(driver("ON_TRIP", ChangeKind.DELETE), 1_000));
        harness.setProcessingTime(HORIZON_MS - 1);
        assertThat(statusOfAPingWithoutItsOwn()).isEqualTo("ON_TRIP");

        harness.setProcessingTime(HORIZON_MS);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(statusOfAPingWithoutItsOwn()).isEqualTo("UNKNOWN");
    }

    @Test
    void aDriverThatIsNotDeletedKeepsItsStatusWithoutATimer() throws Exception {
        harness.processElement2(new StreamRecord<>(driver("AVAILABLE", ChangeKind.UPDATE), 1_000));
        harness.setProcessingTime(10 * HORIZON_MS);

        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(statusOfAPingWithoutItsOwn()).isEqualTo("AVAILABLE");
    }
}
