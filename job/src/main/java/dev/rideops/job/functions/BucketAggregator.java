package dev.rideops.job.functions;

import dev.rideops.job.kpi.Aggregation;
import dev.rideops.job.kpi.BucketState;
import dev.rideops.job.kpi.CellRow;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.Granularity;
import dev.rideops.job.kpi.Metric;
import dev.rideops.job.kpi.MetricRow;
import dev.rideops.job.kpi.SnapshotRow;
import java.util.HashSet;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One bucket (granularity, start and, for the heatmap, grid cell) per key: adds contributions to its totals and, at
 * most every {@code emitEveryMs}, emits the current value of each metric that changed, ratios included. Late events
 * simply update their bucket. Once the watermark passes the bucket's end plus the allowed lateness, the members of
 * its distinct metrics are dropped (their counts stay); a distinct contribution after that counts as a late event.
 *
 * <p>Side outputs: a cell's bucket emits its whole heatmap row to {@link #CELLS} instead of metric rows, and every
 * city-wide MINUTE value also goes to {@link #LATEST} as the metric's latest value (stamped with the bucket start,
 * so the newest bucket wins in the snapshot table).
 */
public class BucketAggregator extends KeyedProcessFunction<String, Contribution, MetricRow> {

    public static final OutputTag<CellRow> CELLS = new OutputTag<>("cell-supply-demand") {};
    public static final OutputTag<SnapshotRow> LATEST = new OutputTag<>("latest-kpi-values") {};

    private final long emitEveryMs;
    private final long allowedLatenessMs;

    private transient ValueState<BucketState> bucket;
    private transient ValueState<HashSet<String>> dirty;
    private transient ValueState<Boolean> closeTimerSet;

    public BucketAggregator(long emitEveryMs, long allowedLatenessMs) {
        this.emitEveryMs = emitEveryMs;
        this.allowedLatenessMs = allowedLatenessMs;
    }

    @Override
    public void open(Configuration parameters) {
        bucket = getRuntimeContext().getState(new ValueStateDescriptor<>("bucket", BucketState.class));
        dirty = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("dirty", TypeInformation.of(new TypeHint<HashSet<String>>() {})));
        closeTimerSet = getRuntimeContext().getState(new ValueStateDescriptor<>("close-timer", Boolean.class));
    }

    @Override
    public void processElement(Contribution c, Context ctx, Collector<MetricRow> out) throws Exception {
        BucketState state = bucket.value();
        if (state == null) {
            state = new BucketState();
        }
        Metric metric = Metric.byName(c.metric);
        HashSet<String> changed = dirty.value();
        boolean firstChange = changed == null;
        if (changed == null) {
            changed = new HashSet<>();
        }
        if (state.add(metric, c.value, c.member)) {
            changed.add(metric.metricName());
            for (Metric ratio : metric.dependentRatios()) {
                changed.add(ratio.metricName());
            }
        } else if (metric.aggregation() == Aggregation.DISTINCT) {
            changed.add(Metric.LATE_EVENTS.metricName());
        }
        bucket.update(state);
        dirty.update(changed);
        if (firstChange) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + emitEveryMs);
        }
        if (closeTimerSet.value() == null) {
            long end = Granularity.valueOf(c.granularity).bucketEnd(c.bucketStart) / 1000;
            ctx.timerService().registerEventTimeTimer(end + allowedLatenessMs);
            closeTimerSet.update(true);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricRow> out) throws Exception {
        BucketState state = bucket.value();
        if (state == null) {
            return;
        }
        String[] key = ctx.getCurrentKey().split("\\|");
        long bucketStart = Long.parseLong(key[1]);
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            state.closeDistinct();
            bucket.update(state);
            return;
        }
        HashSet<String> changed = dirty.value();
        dirty.clear();
        if (changed == null) {
            return;
        }
        if (key.length == 3) {
            ctx.output(CELLS, CellRow.of(bucketStart, key[2], state));
            return;
        }
        boolean minute = Granularity.MINUTE.name().equals(key[0]);
        for (String name : changed) {
            Double value = state.value(Metric.byName(name));
            if (value != null) {
                out.collect(new MetricRow(bucketStart, key[0], name, value));
                if (minute) {
                    ctx.output(LATEST, new SnapshotRow(name, value, bucketStart));
                }
            }
        }
    }
}
