package dev.rideops.job.functions;

import static dev.rideops.job.Events.micros;
import static dev.rideops.job.functions.ListenedBucketAggregator.EMIT_MS;
import static dev.rideops.job.functions.ListenedBucketAggregator.RETENTION_MS;

import dev.rideops.job.kpi.CellRow;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.Granularity;
import dev.rideops.job.kpi.Metric;
import dev.rideops.job.kpi.MetricRow;
import dev.rideops.job.kpi.SnapshotRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * A bucket operator's life across a savepoint, the same for every version of {@link BucketAggregator}: {@link
 * #beforeSavepoint} leaves buckets of every kind in state (open and closed distinct members, a member with two rows,
 * emissions pending with a retraction, a cell, an hour), {@link #afterRestore} adds to them, closes and retires
 * them, and says what the operator emitted. A version's savepoint restored into another version must give the
 * same lines as that version gave without the savepoint in between.
 */
final class BucketSavepointScript {

    static final String CELL = "HCM-01-02";
    /** Every state the operator keeps, the Kryo layout's included. */
    static final String[] STATES = {"totals", "members", "extra-members", "bucket", "dirty", "close-timer"};

    private final MetricListener metrics = new MetricListener();
    final KeyedOneInputStreamOperatorTestHarness<String, Contribution, MetricRow> harness;

    BucketSavepointScript() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ListenedBucketAggregator(metrics)),
                Contribution::bucketKey,
                Types.STRING);
    }

    /** From an opened harness to the state a savepoint is taken of. */
    void beforeSavepoint() throws Exception {
        harness.setProcessingTime(0);
        for (Granularity g : Granularity.values()) {
            add(Contribution.of(g, micros(5), Metric.RIDES_REQUESTED, 1));
            add(Contribution.of(g, micros(6), Metric.RIDES_REQUESTED, 1));
            add(Contribution.of(g, micros(7), Metric.RIDES_REQUESTED, 1));
            add(Contribution.of(g, micros(8), Metric.RIDES_ACCEPTED, 1));
            add(Contribution.of(g, micros(9), Metric.RIDES_ACCEPTED, 1));
            add(Contribution.of(g, micros(10), Metric.GMV, 10.5));
            add(Contribution.of(g, micros(11), Metric.GMV, 4.25));
            add(Contribution.of(g, micros(12), Metric.AVG_FARE, 12));
            add(Contribution.of(g, micros(13), Metric.AVG_FARE, 15.5));
            add(Contribution.member(g, micros(14), Metric.ACTIVE_DRIVERS, 7));
            add(Contribution.member(g, micros(15), Metric.ACTIVE_DRIVERS, 8));
            add(Contribution.member(g, micros(16), Metric.ACTIVE_DRIVERS, 7));
            add(Contribution.member(g, micros(17), Metric.ACTIVE_RIDERS, 21));
            add(Contribution.member(g, micros(18), Metric.ACTIVE_RIDERS, 21));
            add(Contribution.member(g, micros(19), Metric.ACTIVE_RIDERS, 22));
            add(Contribution.of(g, micros(20), Metric.RIDES_COMPLETED, 1));
        }
        add(Contribution.ofCell(CELL, micros(21), Metric.CELL_DRIVERS_PRESENT, 1, 7L));
        add(Contribution.ofCell(CELL, micros(22), Metric.CELL_DRIVERS_PRESENT, 1, 8L));
        add(Contribution.ofCell(CELL, micros(23), Metric.CELL_DRIVERS_AVAILABLE, 1, 7L));
        add(Contribution.ofCell(CELL, micros(24), Metric.CELL_REQUESTS, 1, null));
        add(Contribution.ofCell(CELL, micros(25), Metric.CELL_AVG_SURGE, 1.5, null));
        harness.setProcessingTime(EMIT_MS);

        // the first minute and its cell close: their distinct members go, their counts stay
        harness.processWatermark(millis(120));
        add(Contribution.of(Granularity.MINUTE, micros(30), Metric.RIDES_REQUESTED, 1)
                .retracted());
        add(Contribution.member(Granularity.MINUTE, micros(31), Metric.ACTIVE_DRIVERS, 30));
        add(Contribution.of(Granularity.MINUTE, micros(32), Metric.GMV, 1));
        // no member before it closed, so this distinct metric is still open
        add(Contribution.member(Granularity.MINUTE, micros(33), Metric.COMPLETING_DRIVERS, 7));
        add(Contribution.ofCell(CELL, micros(34), Metric.CELL_DRIVERS_PRESENT, 1, 9L));

        // the third minute is open, with a member of two rows and emissions pending
        add(Contribution.member(Granularity.MINUTE, micros(130), Metric.ACTIVE_RIDERS, 41));
        add(Contribution.member(Granularity.MINUTE, micros(131), Metric.ACTIVE_RIDERS, 41));
        add(Contribution.member(Granularity.MINUTE, micros(132), Metric.ACTIVE_RIDERS, 42));
        add(Contribution.of(Granularity.MINUTE, micros(133), Metric.RIDES_REQUESTED, 1));
        add(Contribution.of(Granularity.MINUTE, micros(134), Metric.RIDES_REQUESTED, 1));
        add(Contribution.of(Granularity.MINUTE, micros(135), Metric.RIDES_CANCELLED, 1));
        add(Contribution.of(Granularity.MINUTE, micros(136), Metric.AVG_ACCEPT_TIME_SEC, 30));
        add(Contribution.ofCell(CELL, micros(137), Metric.CELL_DRIVERS_PRESENT, 1, 5L));
        add(Contribution.ofCell(CELL, micros(138), Metric.CELL_REQUESTS, 1, null));
        clearOutputs();
    }

    /** From the state {@link #beforeSavepoint} left to none: what the operator emitted on the way, one per line. */
    List<String> afterRestore() throws Exception {
        List<String> lines = new ArrayList<>();
        Map<String, Long> lateBefore = lateEvents();
        // the watermark is not in a savepoint: a restored job's sources send it again
        harness.processWatermark(millis(120));
        harness.setProcessingTime(2 * EMIT_MS);
        drain("pending", lines);

        add(Contribution.member(Granularity.MINUTE, micros(140), Metric.ACTIVE_RIDERS, 41)
                .retracted());
        add(Contribution.member(Granularity.MINUTE, micros(141), Metric.ACTIVE_RIDERS, 42)
                .retracted());
        add(Contribution.member(Granularity.MINUTE, micros(142), Metric.ACTIVE_DRIVERS, 9));
        add(Contribution.of(Granularity.MINUTE, micros(40), Metric.RIDES_REQUESTED, 1));
        add(Contribution.of(Granularity.MINUTE, micros(41), Metric.AVG_FARE, 20));
        add(Contribution.member(Granularity.MINUTE, micros(42), Metric.COMPLETING_DRIVERS, 8));
        add(Contribution.member(Granularity.HOUR, micros(43), Metric.ACTIVE_DRIVERS, 7));
        add(Contribution.member(Granularity.HOUR, micros(44), Metric.ACTIVE_DRIVERS, 10));
        add(Contribution.member(Granularity.HOUR, micros(45), Metric.ACTIVE_RIDERS, 21)
                .retracted());
        add(Contribution.ofCell(CELL, micros(46), Metric.CELL_DRIVERS_AVAILABLE, 1, 9L));
        add(Contribution.ofCell(CELL, micros(143), Metric.CELL_DRIVERS_AVAILABLE, 1, 5L));
        harness.setProcessingTime(3 * EMIT_MS);
        drain("added", lines);

        harness.processWatermark(millis(240));
        add(Contribution.member(Granularity.MINUTE, micros(144), Metric.ACTIVE_RIDERS, 41)
                .retracted());
        add(Contribution.member(Granularity.MINUTE, micros(145), Metric.ACTIVE_RIDERS, 43));
        add(Contribution.of(Granularity.MINUTE, micros(146), Metric.RIDES_CANCELLED, 1)
                .retracted());
        harness.setProcessingTime(4 * EMIT_MS);
        drain("closed", lines);

        harness.processWatermark(millis(3600) + 8 * RETENTION_MS);
        add(Contribution.of(Granularity.MINUTE, micros(47), Metric.GMV, 5));
        add(Contribution.of(Granularity.HOUR, micros(48), Metric.GMV, 5));
        harness.setProcessingTime(5 * EMIT_MS);
        drain("retired", lines);

        lateEvents().forEach((counter, n) -> lines.add(counter + "=" + (n - lateBefore.get(counter))));
        return lines;
    }

    /** The late-event counters as they stand (a restored operator's start from zero). */
    private Map<String, Long> lateEvents() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Granularity g : Granularity.values()) {
            for (String kind : List.of("applied", "after_lateness", "retired")) {
                counts.put(
                        "counter late " + g + " " + kind,
                        metrics.getCounter("granularity", g.name(), "kind", kind, BucketAggregator.LATE_EVENTS)
                                .map(Counter::getCount)
                                .orElse(0L));
            }
        }
        return counts;
    }

    private void add(Contribution c) throws Exception {
        harness.processElement(new StreamRecord<>(c, c.eventTime / 1000));
    }

    private static long millis(double seconds) {
        return micros(seconds) / 1000;
    }

    /** Each step's emissions, sorted: an emission's rows have no order the mart depends on. */
    private void drain(String step, List<String> lines) {
        List<String> out = new ArrayList<>();
        for (MetricRow r : harness.extractOutputValues()) {
            out.add("fact " + r);
        }
        for (StreamRecord<CellRow> r : side(BucketAggregator.CELLS)) {
            CellRow c = r.getValue();
            out.add(String.format(
                    Locale.ROOT,
                    "cell %s@%d requests=%d present=%d available=%d surge=%s late=%d",
                    c.cell,
                    c.bucketStart,
                    c.requests,
                    c.driversPresent,
                    c.driversAvailable,
                    c.avgSurge,
                    c.latePings));
        }
        for (StreamRecord<SnapshotRow> r : side(BucketAggregator.LATEST)) {
            SnapshotRow s = r.getValue();
            out.add("latest " + s.metric + "@" + s.lastUpdated + (s.removed ? " removed" : "=" + s.value));
        }
        for (StreamRecord<Contribution> r : side(BucketAggregator.RETIRED)) {
            out.add("retired " + r.getValue());
        }
        out.sort(null);
        out.forEach(line -> lines.add(step + " " + line));
        clearOutputs();
    }

    private void clearOutputs() {
        harness.getOutput().clear();
        for (OutputTag<?> tag : List.of(BucketAggregator.CELLS, BucketAggregator.LATEST, BucketAggregator.RETIRED)) {
            Collection<?> side = harness.getSideOutput(tag);
            if (side != null) {
                side.clear();
            }
        }
    }

    private <X> List<StreamRecord<X>> side(OutputTag<X> tag) {
        Collection<StreamRecord<X>> side = harness.getSideOutput(tag);
        return side == null ? List.of() : new ArrayList<>(side);
    }
}
