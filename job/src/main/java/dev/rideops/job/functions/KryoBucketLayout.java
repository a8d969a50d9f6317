package dev.rideops.job.functions;

import dev.rideops.job.kpi.BucketMembers;
import dev.rideops.job.kpi.BucketState;
import dev.rideops.job.kpi.BucketTotals;
import dev.rideops.job.kpi.Metric;
import java.util.HashSet;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The bucket state of jobs before issue #15, which a savepoint taken by them still holds: one Kryo value per bucket
 * ("bucket", a {@link BucketState}, read and written whole on every contribution), the names of the changed metrics
 * ("dirty", Kryo too) and a flag for the event-time timers ("close-timer"). {@code rideops down} then {@code up}
 * with a newer jar resumes from such a savepoint, so each bucket moves to the current layout the first time its key
 * is touched; every bucket has a retirement timer, so all have moved once the resumed job's watermark is past the
 * HOUR retention after the upgrade (8 days by default). This class can go once no savepoint from before the upgrade
 * will be resumed any more (a {@code rideops snapshot} keeps one as long as it is kept): without it, such a
 * savepoint's buckets would silently start from zero. {@link BucketState} stays even then: every savepoint of this
 * operator, new ones too, names it as the serializer of the (empty) "bucket" state, and restoring needs the class.
 */
final class KryoBucketLayout {

    /** In the old changed names: a retraction happened. */
    private static final String RETRACTED = "!retracted";

    private final ValueState<BucketState> bucket;
    private final ValueState<HashSet<String>> dirty;
    private final ValueState<Boolean> closeTimerSet;

    KryoBucketLayout(RuntimeContext context) {
        bucket = context.getState(new ValueStateDescriptor<>("bucket", BucketState.class));
        dirty = context.getState(
                new ValueStateDescriptor<>("dirty", TypeInformation.of(new TypeHint<HashSet<String>>() {})));
        closeTimerSet = context.getState(new ValueStateDescriptor<>("close-timer", Boolean.class));
    }

    /**
     * Moves the current key's bucket out of the old layout: returns its totals (with the changes still to emit; its
     * timers are already set) after putting its members into {@code members}, and clears the old state. Null when
     * the key has no bucket in the old layout.
     */
    BucketTotals migrate(BucketMembers members) throws Exception {
        BucketState old = bucket.value();
        if (old == null) {
            return null;
        }
        BucketTotals totals = old.migrate(members);
        HashSet<String> changed = dirty.value();
        if (changed != null) {
            totals.emitDue = true;
            for (String name : changed) {
                if (name.equals(RETRACTED)) {
                    totals.markRetracted();
                } else {
                    totals.markChanged(Metric.byName(name));
                }
            }
        }
        bucket.clear();
        dirty.clear();
        closeTimerSet.clear();
        return totals;
    }
}
