package dev.rideops.job.functions;

import dev.rideops.job.cdc.BookingRow;
import dev.rideops.job.cdc.ChangeKind;
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
 *
 * <p>A deleted booking takes back everything it added: -1 for {@code open_bookings} if it was counted open, and the
 * contributions of every milestone counted, recomputed from the delete's before-image (bookings have REPLICA IDENTITY
 * FULL; a booking's milestone timestamps and values never change, so the image says exactly what was added). With
 * no mask left (closed and forgotten), every milestone the image shows is taken back. A deleted mask is kept for
 * {@code horizonMs} so a replay of the booking's older changes adds nothing.
 */
public class BookingMilestones extends KeyedProcessFunction<Long, BookingRow, Contribution> {

    public static final String OPEN_BOOKINGS = "open_bookings";
    public static final OutputTag<SnapshotDelta> SNAPSHOT = new OutputTag<>("booking-snapshot") {};

    private static final int COUNTED_OPEN = 1 << 10;
    private static final int CLOSED = 1 << 11;
    private static final int DELETED = 1 << 12;
    private static final int MILESTONES = BookingKpis.REQUESTED
            | BookingKpis.ACCEPTED
            | BookingKpis.ARRIVED
            | BookingKpis.STARTED
            | BookingKpis.COMPLETED
            | BookingKpis.CANCELLED;

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
        Integer stored = mask.value();
        int before = stored == null ? 0 : stored;
        if ((before & DELETED) != 0) {
            return; // booking ids are never reused: anything after its delete is a replay
        }
        if (b.change == ChangeKind.DELETE) {
            deleted(b, stored, ctx, out);
            return;
        }
        if (b.change == ChangeKind.BOOTSTRAP) {
            bootstrapped(b, stored, ctx);
            return;
        }
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

    /**
     * A booking read by the bootstrap snapshot of a start without state: if the job has not seen it yet and it is
     * open, it counts in {@code open_bookings}, and its milestones so far are marked counted without adding them: the
     * buckets they belong to are history this job did not see. Its later changes then count as usual.
     */
    private void bootstrapped(BookingRow b, Integer stored, Context ctx) throws Exception {
        if (stored != null || !BookingKpis.isOpen(b)) {
            return;
        }
        int reached = BookingKpis.contribute(0, b, new ArrayList<>());
        mask.update(reached | COUNTED_OPEN);
        ctx.output(SNAPSHOT, new SnapshotDelta(OPEN_BOOKINGS, 1, b.updatedAt));
    }

    private void deleted(BookingRow b, Integer stored, Context ctx, Collector<Contribution> out) throws Exception {
        int counted = stored == null ? 0 : stored;
        if ((counted & COUNTED_OPEN) != 0) {
            ctx.output(SNAPSHOT, new SnapshotDelta(OPEN_BOOKINGS, -1, b.updatedAt));
        }
        if (b.requestedAt != 0) {
            // contribute() adds the milestones not in its mask: hand it the complement of those counted
            int notCounted = stored == null ? 0 : ~counted & MILESTONES;
            List<Contribution> taken = new ArrayList<>();
            BookingKpis.contribute(notCounted, b, taken);
            for (Contribution c : taken) {
                out.collect(c.retracted());
            }
        }
        if ((counted & CLOSED) == 0) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + horizonMs);
        }
        mask.update(DELETED);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contribution> out) {
        mask.clear();
    }
}
