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
 *
 * <p>A driver's ring is forgotten {@code horizonMs} of processing time after its last ping (rounded up to the
 * minute, so a driver pinging every few seconds moves its one timer once a minute), like the other dedup state: a
 * driver who went offline for good, or was deleted, does not keep it for the job's life.
 */
public class LocationDedup extends KeyedProcessFunction<Long, LocationRow, Contribution> {

    static final int REMEMBERED = 32;
    private static final long TIMER_GRAIN_MS = 60_000;

    private final long horizonMs;
    private transient ValueState<long[]> recent;
    private transient ValueState<Long> forgetAt;

    public LocationDedup(long horizonMs) {
        this.horizonMs = horizonMs;
    }

    @Override
    public void open(Configuration parameters) {
        recent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-event-ids", long[].class));
        // a state of its own, not a TTL on the ring: a savepoint's ring without TTL cannot be restored into one with it
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Long.class));
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
        forgetLater(ctx);
        List<Contribution> contributions = new ArrayList<>();
        FactKpis.location(l, contributions);
        contributions.forEach(out::collect);
    }

    private void forgetLater(Context ctx) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        long at = (now + horizonMs + TIMER_GRAIN_MS - 1) / TIMER_GRAIN_MS * TIMER_GRAIN_MS;
        Long current = forgetAt.value();
        if (current != null && current >= at) {
            return;
        }
        if (current != null) {
            ctx.timerService().deleteProcessingTimeTimer(current);
        }
        ctx.timerService().registerProcessingTimeTimer(at);
        forgetAt.update(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contribution> out) throws Exception {
        recent.clear();
        forgetAt.clear();
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
