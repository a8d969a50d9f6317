package dev.rideops.job.functions;

import dev.rideops.job.cdc.BookingRow;
import dev.rideops.job.kpi.BookingKpis;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.SnapshotDelta;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per booking: the milestones already counted, and whether it counts as open. Emits each milestone's
 * contributions once, and +1/-1 for {@code open_bookings} when it opens and when it closes. A closed booking keeps
 * its mask for {@code horizonMs} of processing time, so a replay of its changes adds nothing, and is then forgotten:
 * a booking is open for minutes, so only closed ones could pile up. Open ones are live state and stay.
 */
public class BookingMilestones extends KeyedProcessFunction<Long, BookingRow, Contribution> {

    public static final String OPEN_BOOKINGS = "open_bookings";
    public static final OutputTag<SnapshotDelta> SNAPSHOT = new OutputTag<>("booking-snapshot") {};

    private static final int COUNTED_OPEN = 1 << 10;
    private static final int CLOSED = 1 << 11;

    private final long horizonMs;
    private transient ValueState<Integer> mask;

    public BookingMilestones(long horizonMs) {
        this.horizonMs = horizonMs;
    }

    @Override
    public void open(Configuration parameters) {
        mask = getRuntimeContext().getState(new ValueStateDescriptor<>("milestones", Integer.class));
    }

    @Override
    public void processElement(BookingRow b, Context ctx, Collector<Contribution> out) throws Exception {
        int before = mask.value() == null ? 0 : mask.value();
        List<Contribution> contributions = new ArrayList<>();
        int after = BookingKpis.contribute(before, b, contributions);
        boolean open = BookingKpis.isOpen(b);
        if (open && (after & (COUNTED_OPEN | CLOSED)) == 0) {
            after |= COUNTED_OPEN;
            ctx.output(SNAPSHOT, new SnapshotDelta(OPEN_BOOKINGS, 1, b.updatedAt));
        } else if (!open && (after & CLOSED) == 0) {
            if ((after & COUNTED_OPEN) != 0) {
                ctx.output(SNAPSHOT, new SnapshotDelta(OPEN_BOOKINGS, -1, b.updatedAt));
            }
            after = (after & ~COUNTED_OPEN) | CLOSED;
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + horizonMs);
        }
        if (after != before) {
            mask.update(after);
        }
        contributions.forEach(out::collect);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contribution> out) {
        mask.clear();
    }
}
