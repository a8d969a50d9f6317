package dev.rideops.job.kpi;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A bucket as jobs before issue #15 kept it: one value, serialized by Kryo, that a state backend storing bytes
 * (RocksDB) read and wrote whole, members and all, on every contribution. Only read now, from savepoints those jobs
 * took, and moved into {@link BucketTotals} and {@link BucketMembers}. Kryo finds this class by its name and its
 * fields by theirs, so neither may change. It stays even once no bucket is left in this layout: every savepoint of
 * the operator, new ones too, names it as the serializer of the (empty) "bucket" state.
 */
public final class BucketState {

    private final Map<Metric, double[]> sums = new HashMap<>();
    private final Map<Metric, Set<Long>> members = new HashMap<>();
    private final Map<Metric, Integer> closedCounts = new HashMap<>();

    /** The same bucket in the current layout: its numbers returned, its members put into {@code to}. */
    public BucketTotals migrate(BucketMembers to) throws Exception {
        BucketTotals totals = new BucketTotals();
        sums.forEach((metric, s) -> totals.set(metric, s[0], s[1]));
        for (Map.Entry<Metric, Set<Long>> e : members.entrySet()) {
            for (long member : e.getValue()) {
                to.add(e.getKey(), member);
            }
            totals.set(e.getKey(), e.getValue().size(), 0);
        }
        closedCounts.forEach((metric, count) -> {
            totals.set(metric, count, 0);
            totals.close(metric);
        });
        return totals;
    }
}
