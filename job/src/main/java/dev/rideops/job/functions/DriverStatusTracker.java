package dev.rideops.job.functions;

import dev.rideops.job.cdc.ChangeKind;
import dev.rideops.job.cdc.DriverRow;
import dev.rideops.job.kpi.DriverSnapshot;
import dev.rideops.job.kpi.SnapshotDelta;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per driver: the newest status seen (by updated_at); a newer status moves the driver between the counts. A deleted
 * driver leaves its count, and its newest time becomes "forever" so a replay of its older changes counts nothing
 * (driver ids are never reused; the state is one entry per driver ever seen, as before). A bootstrap read (a start
 * without state) is the driver's current row and counts like any change: a driver already seen with the same status
 * moves nothing, so the bootstrap cannot count a driver twice.
 */
public class DriverStatusTracker extends KeyedProcessFunction<Long, DriverRow, SnapshotDelta> {

    private transient ValueState<String> status;
    private transient ValueState<Long> updatedAt;

    @Override
    public void open(Configuration parameters) {
        status = getRuntimeContext().getState(new ValueStateDescriptor<>("status", String.class));
        updatedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("updated-at", Long.class));
    }

    @Override
    public void processElement(DriverRow d, Context ctx, Collector<SnapshotDelta> out) throws Exception {
        Long seen = updatedAt.value();
        if (d.change == ChangeKind.DELETE) {
            String was = status.value();
            if (was != null) {
                out.collect(new SnapshotDelta(DriverSnapshot.metricOf(was), -1, d.updatedAt));
            }
            status.clear();
            updatedAt.update(Long.MAX_VALUE);
            return;
        }
        if (seen != null && d.updatedAt < seen) {
            return;
        }
        List<SnapshotDelta> deltas = new ArrayList<>();
        DriverSnapshot.change(status.value(), d.status, d.updatedAt, deltas);
        status.update(d.status);
        updatedAt.update(d.updatedAt);
        deltas.forEach(out::collect);
    }
}
