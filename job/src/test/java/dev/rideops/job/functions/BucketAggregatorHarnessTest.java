package dev.rideops.job.functions;

import static dev.rideops.job.Events.micros;
import static dev.rideops.job.functions.ListenedBucketAggregator.EMIT_MS;
import static dev.rideops.job.functions.ListenedBucketAggregator.LATENESS_MS;
import static dev.rideops.job.functions.ListenedBucketAggregator.RETENTION_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.Granularity;
import dev.rideops.job.kpi.Metric;
import dev.rideops.job.kpi.MetricRow;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Emission timing, late events and the closing of distinct members, on Flink's operator test harness with the
 * heap backend ({@link BucketAggregatorRocksDbHarnessTest} runs the same on RocksDB).
 */
class BucketAggregatorHarnessTest {

    /** The operator's extra rows of booking-based members, as it declares them. */
    private static final MapStateDescriptor<String, Integer> EXTRA_MEMBERS =
            new MapStateDescriptor<>("extra-members", Types.STRING, Types.INT);

    private KeyedOneInputStreamOperatorTestHarness<String, Contribution, MetricRow> harness;
    private final MetricListener metrics = new MetricListener();

    private long late(String kind) {
        return metrics.getCounter("granularity", "MINUTE", "kind", kind, BucketAggregator.LATE_EVENTS)
                .map(Counter::getCount)
                .orElse(0L);
    }

    private long emits(String kpi) {
        return metrics.getCounter("kpi", kpi, BucketAggregator.KPI_EMITS)
                .map(Counter::getCount)
                .orElse(0L);
    }

    StateBackend backend() {
        return new HashMapStateBackend();
    }

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ListenedBucketAggregator(metrics)),
                Contribution::bucketKey,
                Types.STRING);
        harness.setStateBackend(backend());
        harness.open();
    }

    /** The entries a bucket's map state holds: its distinct members, or the extra rows of booking-based ones. */
    private <K> int entries(String bucketKey, MapStateDescriptor<K, ?> descriptor) throws Exception {
        return KeyedStateProbe.entries(harness, bucketKey, descriptor);
    }

    /** What a retired bucket must leave empty. */
    private List<String> stateLeft() {
        return KeyedStateProbe.keysIn(harness, BucketSavepointScript.STATES);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void add(Contribution c) throws Exception {
        harness.processElement(new StreamRecord<>(c, c.eventTime / 1000));
    }

    private Map<String, Double> emitted() {
        return harness.extractOutputValues().stream()
                .collect(Collectors.toMap(r -> r.metric, r -> r.value, (a, b) -> b));
    }

    @Test
    void valuesAreEmittedOncePerIntervalWithTheirRatios() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.RIDES_REQUESTED, 1));
        add(Contribution.of(Granularity.MINUTE, micros(6), Metric.RIDES_REQUESTED, 1));
        add(Contribution.of(Granularity.MINUTE, micros(7), Metric.RIDES_ACCEPTED, 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(EMIT_MS);

        List<MetricRow> rows = harness.extractOutputValues();
        assertThat(emitted())
                .containsEntry("rides_requested", 2.0)
                .containsEntry("rides_accepted", 1.0)
                .containsEntry("match_rate", 0.5)
                .containsEntry("cancel_rate", 0.0);
        assertThat(rows).extracting(r -> r.bucketStart).containsOnly(Granularity.MINUTE.bucketStart(micros(5)));
        assertThat(rows).hasSize(5);
        assertThat(emits("rides_requested")).isEqualTo(1);
        assertThat(emits("match_rate")).isEqualTo(1);
        assertThat(late("applied")).as("nothing was behind the watermark").isZero();
    }

    @Test
    void aLateEventUpdatesItsBucket() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.GMV, 10));
        harness.setProcessingTime(EMIT_MS);
        harness.processWatermark(micros(3600) / 1000);

        add(Contribution.of(Granularity.MINUTE, micros(50), Metric.GMV, 5));
        harness.setProcessingTime(2 * EMIT_MS);

        assertThat(harness.extractOutputValues()).extracting(r -> r.value).containsExactly(10.0, 15.0);
        assertThat(late("applied")).as("behind the watermark, still taken").isEqualTo(1);
        assertThat(late("after_lateness") + late("retired")).isZero();
        assertThat(emits("gmv")).as("one row per emission").isEqualTo(2);
    }

    @Test
    void distinctMembersAreDroppedAfterTheAllowedLatenessAndLaterOnesCountAsLate() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.member(Granularity.MINUTE, micros(5), Metric.ACTIVE_DRIVERS, 7));
        add(Contribution.member(Granularity.MINUTE, micros(6), Metric.ACTIVE_DRIVERS, 8));
        add(Contribution.member(Granularity.MINUTE, micros(6), Metric.ACTIVE_RIDERS, 21));
        add(Contribution.member(Granularity.MINUTE, micros(6), Metric.ACTIVE_RIDERS, 21));
        assertThat(harness.numEventTimeTimers()).as("close and retire").isEqualTo(2);
        String key = "MINUTE|" + Granularity.MINUTE.bucketStart(micros(5));
        assertThat(entries(key, MapStateMembers.DESCRIPTOR)).isEqualTo(3);
        assertThat(entries(key, EXTRA_MEMBERS)).isEqualTo(1);

        long closesAt = Granularity.MINUTE.bucketEnd(Granularity.MINUTE.bucketStart(micros(5))) / 1000 + LATENESS_MS;
        harness.processWatermark(closesAt);
        assertThat(harness.numEventTimeTimers()).as("retire").isEqualTo(1);
        assertThat(entries(key, MapStateMembers.DESCRIPTOR))
                .as("the members go at close")
                .isZero();
        assertThat(entries(key, EXTRA_MEMBERS)).isZero();

        add(Contribution.member(Granularity.MINUTE, micros(7), Metric.ACTIVE_DRIVERS, 9));
        harness.setProcessingTime(EMIT_MS);

        assertThat(emitted())
                .containsEntry("active_drivers", 2.0)
                .containsEntry("active_riders", 1.0)
                .containsEntry("late_events", 1.0);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(late("after_lateness")).isEqualTo(1);
        assertThat(late("applied"))
                .as("a late distinct member is counted once, as what happened to it")
                .isZero();
    }

    @Test
    void aBucketPastItsRetentionLeavesNoStateAndALaterContributionIsRetiredNotCounted() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.GMV, 10));
        add(Contribution.member(Granularity.MINUTE, micros(6), Metric.ACTIVE_DRIVERS, 7));
        harness.setProcessingTime(EMIT_MS);
        assertThat(emitted()).containsEntry("gmv", 10.0);

        long end = Granularity.MINUTE.bucketEnd(Granularity.MINUTE.bucketStart(micros(5))) / 1000;
        harness.processWatermark(end + LATENESS_MS);
        // no member when the bucket closed, so still open: its member is in state until the bucket retires
        add(Contribution.member(Granularity.MINUTE, micros(7), Metric.COMPLETING_DRIVERS, 7));
        harness.processWatermark(end + RETENTION_MS);
        assertThat(emitted()).as("emitted at retirement").containsEntry("completing_drivers", 1.0);
        harness.setProcessingTime(2 * EMIT_MS);
        assertThat(stateLeft()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();

        Contribution late = Contribution.of(Granularity.MINUTE, micros(50), Metric.GMV, 5);
        add(late);
        harness.setProcessingTime(3 * EMIT_MS);
        assertThat(harness.extractOutputValues())
                .filteredOn(r -> r.metric.equals("gmv"))
                .extracting(r -> r.value)
                .as("the mart keeps the full value; no partial overwrite")
                .containsExactly(10.0);
        assertThat(late("retired")).isEqualTo(1);
        assertThat(harness.getSideOutput(BucketAggregator.RETIRED))
                .extracting(r -> r.getValue().metric)
                .containsExactly("gmv");
        assertThat(stateLeft()).isEmpty();
    }

    @Test
    void changesStillPendingWhenABucketRetiresAreEmittedFirst() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.GMV, 10));
        long end = Granularity.MINUTE.bucketEnd(Granularity.MINUTE.bucketStart(micros(5))) / 1000;
        harness.processWatermark(end + RETENTION_MS);
        assertThat(emitted()).containsEntry("gmv", 10.0);
        harness.setProcessingTime(EMIT_MS);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aRetractionMovesItsMetricAndAMetricLeftEmptyHasItsRowRemoved() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.RIDES_REQUESTED, 1));
        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.PAYMENTS_COLLECTED, 10));
        add(Contribution.of(Granularity.MINUTE, micros(6), Metric.PAYMENTS_COLLECTED, 4));
        harness.setProcessingTime(EMIT_MS);
        assertThat(emitted()).containsEntry("payments_collected", 14.0).containsEntry("match_rate", 0.0);
        int first = harness.extractOutputValues().size();

        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.PAYMENTS_COLLECTED, 10)
                .retracted());
        add(Contribution.of(Granularity.MINUTE, micros(5), Metric.RIDES_REQUESTED, 1)
                .retracted());
        harness.setProcessingTime(2 * EMIT_MS);

        List<MetricRow> second = harness.extractOutputValues()
                .subList(first, harness.extractOutputValues().size());
        assertThat(second)
                .filteredOn(r -> !r.removed)
                .extracting(r -> r.metric + "=" + r.value)
                .containsExactly("payments_collected=4.0");
        assertThat(second)
                .filteredOn(r -> r.removed)
                .extracting(r -> r.metric)
                .containsExactlyInAnyOrder("rides_requested", "match_rate", "cancel_rate", "completion_rate");
        assertThat(harness.getSideOutput(BucketAggregator.LATEST))
                .as("a removed value is no latest value: the snapshot is told to fall back to an older minute")
                .extracting(r -> r.getValue().metric + (r.getValue().removed ? " removed" : "=" + r.getValue().value))
                .contains("rides_requested removed", "payments_collected=4.0")
                .doesNotContain("rides_requested=0.0");
    }

    @Test
    void aMemberWithTwoRowsInABucketLeavesOnlyWithTheSecond() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.member(Granularity.MINUTE, micros(5), Metric.ACTIVE_RIDERS, 7));
        add(Contribution.member(Granularity.MINUTE, micros(6), Metric.ACTIVE_RIDERS, 7));
        add(Contribution.member(Granularity.MINUTE, micros(7), Metric.ACTIVE_RIDERS, 8));
        add(Contribution.member(Granularity.MINUTE, micros(5), Metric.ACTIVE_RIDERS, 7)
                .retracted());
        harness.setProcessingTime(EMIT_MS);
        assertThat(emitted()).containsEntry("active_riders", 2.0);

        add(Contribution.member(Granularity.MINUTE, micros(6), Metric.ACTIVE_RIDERS, 7)
                .retracted());
        harness.setProcessingTime(2 * EMIT_MS);
        assertThat(emitted()).containsEntry("active_riders", 1.0);
    }

    @Test
    void aCellsBucketEmitsItsWholeRowAndARetractionMovesIt() throws Exception {
        harness.setProcessingTime(0);
        add(Contribution.ofCell("HCM-01-02", micros(5), Metric.CELL_DRIVERS_PRESENT, 1, 7L));
        add(Contribution.ofCell("HCM-01-02", micros(6), Metric.CELL_DRIVERS_PRESENT, 1, 8L));
        add(Contribution.ofCell("HCM-01-02", micros(6), Metric.CELL_DRIVERS_PRESENT, 1, 7L));
        add(Contribution.ofCell("HCM-01-02", micros(7), Metric.CELL_DRIVERS_AVAILABLE, 1, 8L));
        add(Contribution.ofCell("HCM-01-02", micros(8), Metric.CELL_REQUESTS, 1, null));
        add(Contribution.ofCell("HCM-01-02", micros(9), Metric.CELL_REQUESTS, 1, null));
        add(Contribution.ofCell("HCM-01-02", micros(8), Metric.CELL_AVG_SURGE, 1.5, null));
        add(Contribution.ofCell("HCM-01-02", micros(9), Metric.CELL_AVG_SURGE, 2.0, null));
        harness.setProcessingTime(EMIT_MS);
        add(Contribution.ofCell("HCM-01-02", micros(9), Metric.CELL_REQUESTS, 1, null)
                .retracted());
        add(Contribution.ofCell("HCM-01-02", micros(9), Metric.CELL_AVG_SURGE, 2.0, null)
                .retracted());
        harness.setProcessingTime(2 * EMIT_MS);

        assertThat(harness.getSideOutput(BucketAggregator.CELLS))
                .extracting(StreamRecord::getValue)
                .extracting(
                        r -> r.cell, r -> r.requests, r -> r.driversPresent, r -> r.driversAvailable, r -> r.avgSurge)
                .containsExactly(tuple("HCM-01-02", 2L, 2L, 1L, 1.75), tuple("HCM-01-02", 1L, 2L, 1L, 1.5));
        assertThat(harness.extractOutputValues())
                .as("a cell's bucket has no catalogue rows")
                .isEmpty();
        assertThat(emits(BucketAggregator.CELLS_KPI)).isEqualTo(2);
    }
}
