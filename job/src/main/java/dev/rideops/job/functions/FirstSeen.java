package dev.rideops.job.functions;

import dev.rideops.job.kpi.Contribution;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts an insert-only fact (a payment, a rating) once per key, however often the CDC log delivers it. A key is
 * remembered for {@code horizonMs} of processing time after it was first seen: redeliveries (a connector restart
 * replaying its slot) come within minutes, and without the timer the keys of every fact ever seen would pile up.
 *
 * @param <T> the row type
 */
public class FirstSeen<T> extends KeyedProcessFunction<Long, T, Contribution> {

    /** What one fact adds to the buckets. */
    public interface Kpis<T> extends java.io.Serializable {
        void contribute(T row, List<Contribution> out);
    }

    private final Kpis<T> kpis;
    private final long horizonMs;
    private transient ValueState<Boolean> seen;

    public FirstSeen(Kpis<T> kpis, long horizonMs) {
        this.kpis = kpis;
        this.horizonMs = horizonMs;
    }

    @Override
    public void open(Configuration parameters) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
    }

    @Override
    public void processElement(T row, Context ctx, Collector<Contribution> out) throws Exception {
        if (seen.value() != null) {
            return;
        }
        seen.update(true);
        ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + horizonMs);
        List<Contribution> contributions = new ArrayList<>();
        kpis.contribute(row, contributions);
        contributions.forEach(out::collect);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contribution> out) {
        seen.clear();
    }
}
