package dev.rideops.job.kpi;

import static dev.rideops.job.Events.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.functions.SnapshotAggregator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Drivers by status per minute: each minute keeps the count after its last change, by event time. */
class SnapshotMinuteTest {

    @Test
    void aValueBelongsToTheMinuteOfItsNewestChange() {
        SnapshotMinute m = SnapshotMinute.of(new SnapshotRow("drivers_busy", 7, micros(125.5)));
        assertThat(m.bucketStart).isEqualTo(micros(120));
        assertThat(m.metric).isEqualTo("drivers_busy");
        assertThat(m.value).isEqualTo(7);
        assertThat(m.lastUpdated).isEqualTo(micros(125.5));
        assertThat(m.key())
                .isEqualTo(SnapshotMinute.of(new SnapshotRow("drivers_busy", 3, micros(179)))
                        .key());
        assertThat(m.key())
                .isNotEqualTo(SnapshotMinute.of(new SnapshotRow("drivers_busy", 3, micros(180)))
                        .key());
        assertThat(m.key())
                .isNotEqualTo(SnapshotMinute.of(new SnapshotRow("drivers_available", 7, micros(125)))
                        .key());
    }

    /**
     * The aggregator's emissions, keyed and upserted as the sink does: two drivers go online in minute 0, one takes a
     * ride in minute 1, nothing moves in minute 2, and a late change (event time in minute 1) arrives in minute 3.
     */
    @Test
    void theCountsOfEveryMinuteAreTheOnesAfterItsLastChange() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<String, SnapshotDelta, SnapshotRow>(
                new KeyedProcessOperator<>(new SnapshotAggregator(200)), d -> d.metric, Types.STRING);
        Map<String, SnapshotMinute> table = new LinkedHashMap<>();
        harness.open();
        try {
            long now = 0;
            harness.setProcessingTime(now);
            harness.processElement(new StreamRecord<>(new SnapshotDelta("drivers_available", 1, micros(10))));
            harness.processElement(new StreamRecord<>(new SnapshotDelta("drivers_available", 1, micros(20))));
            harness.setProcessingTime(now += 1000);
            harness.processElement(new StreamRecord<>(new SnapshotDelta("drivers_available", -1, micros(70))));
            harness.processElement(new StreamRecord<>(new SnapshotDelta("drivers_busy", 1, micros(70))));
            harness.setProcessingTime(now += 1000);
            // late: its driver's change happened in minute 1, but the available count has moved on to minute 1 too
            harness.processElement(new StreamRecord<>(new SnapshotDelta("drivers_available", 1, micros(65))));
            harness.processElement(new StreamRecord<>(new SnapshotDelta("drivers_busy", -1, micros(200))));
            harness.setProcessingTime(now += 1000);
            for (SnapshotRow r : harness.extractOutputValues()) {
                SnapshotMinute m = SnapshotMinute.of(r);
                table.put(m.key(), m);
            }
        } finally {
            harness.close();
        }
        assertThat(table.values())
                .extracting(SnapshotMinute::toString)
                .containsExactlyInAnyOrder(
                        "drivers_available@" + micros(0) + "=2.0",
                        // the late +1 belongs to the newest minute the count has seen, and replaces its value there
                        "drivers_available@" + micros(60) + "=2.0",
                        "drivers_busy@" + micros(60) + "=1.0",
                        "drivers_busy@" + micros(180) + "=0.0");
    }
}
