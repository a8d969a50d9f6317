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
 *
 * <p>Redelivery comes from Connect resending what it had not committed (its offsets are flushed every second on the
 * local stack, every minute by Kafka's default): 32 pings are two minutes of a driver pinging every 4 s. The ring
 * is the job's largest state (21,000 online drivers at 5,000 changes/s) and every checkpoint writes it whole: 256
 * ids were 44 MB of a 66 MB checkpoint every 10 s and about a quarter of the TaskManager's CPU (a JFR profile of
 * the bench). A ring restored from an older job of another size keeps its newest ids.
 */
public class LocationDedup extends KeyedProcessFunction<Long, LocationRow, Contribution> {

    static final int REMEMBERED = 32;

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
        } else if (ids.length != REMEMBERED + 1) {
            ids = resized(ids);
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

    /** A ring of another capacity (the last slot its count) as one of this capacity with its newest ids, in order. */
    static long[] resized(long[] old) {
        int capacity = old.length - 1;
        long count = old[capacity];
        int kept = (int) Math.min(Math.min(count, capacity), REMEMBERED);
        long[] ids = new long[REMEMBERED + 1];
        for (int i = 0; i < kept; i++) {
            long n = count - kept + i;
            ids[i] = old[(int) (n % capacity)];
        }
        ids[REMEMBERED] = kept;
        return ids;
    }
}
