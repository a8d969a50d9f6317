package dev.rideops.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.Granularity;
import dev.rideops.job.kpi.Metric;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A fact counts once while its key is remembered, and the key is forgotten after the horizon. */
class FirstSeenHarnessTest {

    private static final long HORIZON_MS = 60_000;

    @Test
    void aRedeliveryWithinTheHorizonCountsNothingAndTheKeyIsThenForgotten() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<Long, Long, Contribution>(
                new KeyedProcessOperator<>(new FirstSeen<Long>(
                        (id, out) -> out.add(Contribution.of(Granularity.MINUTE, 0, Metric.GMV, id)), HORIZON_MS)),
                id -> id,
                Types.LONG);
        harness.open();
        try {
            harness.setProcessingTime(0);
            harness.processElement(new StreamRecord<>(7L, 0));
            harness.setProcessingTime(HORIZON_MS - 1);
            harness.processElement(new StreamRecord<>(7L, 0));
            assertThat(harness.extractOutputValues()).hasSize(1);

            harness.setProcessingTime(HORIZON_MS);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        } finally {
            harness.close();
        }
    }
}
