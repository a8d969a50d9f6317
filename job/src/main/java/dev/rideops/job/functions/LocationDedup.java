package dev.rideops.job.functions;

import dev.rideops.job.cdc.LocationRow;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.FactKpis;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Location pings keyed by driver. Remembering every event id would not fit in memory at tens of thousands of
 * pings a second; a redelivered ping is always recent, so each driver keeps its last {@value #REMEMBERED} ids.
 */
public class LocationDedup extends KeyedProcessFunction<Long, LocationRow, Contribution> {

    static final int REMEMBERED = 256;

    private transient ValueState<long[]> recent;

    @Override
    public void open(Configuration parameters) {
        recent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-event-ids", long[].class));
    }

    @Override
    public void processElement(LocationRow l, Context ctx, Collector<Contribution> out) throws Exception {
        long[] ids = recent.value();
        if (ids == null) {
            ids = new long[REMEMBERED + 1];
        }
        int size = (int) Math.min(ids[REMEMBERED], REMEMBERED);
        for (int i = 0; i < size; i++) {
            if (ids[i] == l.eventId) {
                return;
            }
        }
        ids[(int) (ids[REMEMBERED] % REMEMBERED)] = l.eventId;
        ids[REMEMBERED]++;
        recent.update(ids);
        List<Contribution> contributions = new ArrayList<>();
        FactKpis.location(l, contributions);
        contributions.forEach(out::collect);
    }
}
