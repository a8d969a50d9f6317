package dev.rideops.job.functions;

import static dev.rideops.job.Events.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.cdc.ChangeKind;
import dev.rideops.job.cdc.DriverRow;
import dev.rideops.job.kpi.SnapshotDelta;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A deleted driver leaves its status count, once, and a replay of its older changes does not bring it back. */
class DriverStatusTrackerHarnessTest {

    private static DriverRow driver(String status, double at, byte change) {
        DriverRow d = new DriverRow();
        d.driverId = 9;
        d.status = status;
        d.updatedAt = micros(at);
        d.change = change;
        return d;
    }

    @Test
    void aDeletedDriverLeavesItsCount() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, DriverRow, SnapshotDelta>(
                new KeyedProcessOperator<>(new DriverStatusTracker()), d -> d.driverId, Types.LONG);
        harness.open();
        try {
            harness.processElement(new StreamRecord<>(driver("AVAILABLE", 1, ChangeKind.CREATE), 1000));
            harness.processElement(new StreamRecord<>(driver("OFFLINE", 2, ChangeKind.UPDATE), 2000));
            harness.processElement(new StreamRecord<>(driver(null, 60, ChangeKind.DELETE), 60_000));
            harness.processElement(new StreamRecord<>(driver("OFFLINE", 2, ChangeKind.UPDATE), 2000));
            harness.processElement(new StreamRecord<>(driver(null, 60, ChangeKind.DELETE), 60_000));

            assertThat(harness.extractOutputValues())
                    .extracting(d -> d.metric + " " + d.delta)
                    .containsExactly(
                            "drivers_available 1", "drivers_available -1", "drivers_offline 1", "drivers_offline -1");
        } finally {
            harness.close();
        }
    }
}
