package dev.rideops.job.functions;

import dev.rideops.contract.CdcContract;
import dev.rideops.job.cdc.ChangeKind;
import dev.rideops.job.cdc.DeadLetter;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.Fact;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per fact (a payment, a rating): the image last counted. A new image takes back what the last one added and adds its
 * own, so a refund or an edited rating moves its buckets exactly; a delete takes back and leaves a marker, so a replay
 * of the row's older changes adds nothing. A redelivered image adds what the last one did and is dropped. The image
 * is kept for {@code horizonMs} of processing time after the fact was first seen, then forgotten, which bounds the
 * state. A delete after that takes back what its before-image (REPLICA IDENTITY FULL) says the row had added; an
 * update after that cannot know what to take back, so it changes nothing and goes to {@link #UNTRACKED} with the
 * reason rather than count the fact twice.
 *
 * @param <T> the row type (a POJO, kept in keyed state with its own TypeInformation, not Kryo)
 */
public class FactChanges<T> extends KeyedProcessFunction<Long, T, Contribution> {

    public static final OutputTag<DeadLetter> UNTRACKED = new OutputTag<>("untracked-fact-changes") {};

    private final Fact<T> fact;
    private final TypeInformation<T> type;
    private final String table;
    private final long horizonMs;
    private transient ValueState<T> last;

    public FactChanges(Fact<T> fact, TypeInformation<T> type, String table, long horizonMs) {
        this.fact = fact;
        this.type = type;
        this.table = table;
        this.horizonMs = horizonMs;
    }

    @Override
    public void open(Configuration parameters) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last-image", type));
    }

    @Override
    public void processElement(T row, Context ctx, Collector<Contribution> out) throws Exception {
        if (fact.change(row) == ChangeKind.BOOTSTRAP) {
            return; // facts only fill buckets, and a bootstrap read must not rewrite history the job did not see
        }
        T previous = last.value();
        if (previous != null && fact.change(previous) == ChangeKind.DELETE) {
            return; // keys are never reused: anything after a delete is a replay of older changes
        }
        byte change = fact.change(row);
        List<Contribution> taken = new ArrayList<>();
        if (previous != null) {
            fact.contribute(previous, taken);
        } else if (change == ChangeKind.DELETE && fact.complete(row)) {
            fact.contribute(row, taken);
        } else if (change == ChangeKind.UPDATE) {
            ctx.output(UNTRACKED, untracked(row));
            return;
        }
        List<Contribution> given = new ArrayList<>();
        if (change != ChangeKind.DELETE) {
            fact.contribute(row, given);
        }
        if (same(taken, given)) {
            return;
        }
        for (Contribution c : taken) {
            out.collect(c.retracted());
        }
        given.forEach(out::collect);
        if (previous == null) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + horizonMs);
        }
        last.update(row);
    }

    private DeadLetter untracked(T row) {
        return new DeadLetter(
                CdcContract.topic("public." + table),
                table + " row " + fact.key(row) + " changed after the job forgot it (first seen more than the dedup"
                        + " horizon ago, or before the job's state began): its old contribution is unknown, so its"
                        + " buckets keep their values",
                row.toString());
    }

    private static boolean same(List<Contribution> a, List<Contribution> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contribution> out) {
        last.clear();
    }
}
