package dev.rideops.job.functions;

import dev.rideops.job.kpi.SnapshotDelta;
import dev.rideops.job.kpi.SnapshotRow;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** One current-state metric per key: sums its deltas and emits the value at most every {@code emitEveryMs}. */
public class SnapshotAggregator extends KeyedProcessFunction<String, SnapshotDelta, SnapshotRow> {

    private final long emitEveryMs;
    private transient ValueState<Long> value;
    private transient ValueState<Long> lastEventTime;
    private transient ValueState<Boolean> pending;

    public SnapshotAggregator(long emitEveryMs) {
        this.emitEveryMs = emitEveryMs;
    }

    @Override
    public void open(Configuration parameters) {
        value = getRuntimeContext().getState(new ValueStateDescriptor<>("value", Long.class));
        lastEventTime = getRuntimeContext().getState(new ValueStateDescriptor<>("last-event-time", Long.class));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", Boolean.class));
    }

    @Override
    public void processElement(SnapshotDelta d, Context ctx, Collector<SnapshotRow> out) throws Exception {
        value.update((value.value() == null ? 0 : value.value()) + d.delta);
        Long last = lastEventTime.value();
        lastEventTime.update(last == null ? d.eventTime : Math.max(last, d.eventTime));
        if (pending.value() == null) {
            pending.update(true);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + emitEveryMs);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SnapshotRow> out) throws Exception {
        pending.clear();
        out.collect(new SnapshotRow(ctx.getCurrentKey(), value.value(), lastEventTime.value()));
    }
}
