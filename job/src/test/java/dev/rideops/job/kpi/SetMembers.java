package dev.rideops.job.kpi;

import java.util.HashSet;
import java.util.Set;

/** A bucket's members in a set, an entry per metric and member as the operator's map state holds them. */
final class SetMembers implements BucketMembers {

    record Entry(Metric metric, long member) {}

    final Set<Entry> entries = new HashSet<>();

    @Override
    public boolean add(Metric metric, long member) {
        return entries.add(new Entry(metric, member));
    }

    @Override
    public boolean remove(Metric metric, long member) {
        return entries.remove(new Entry(metric, member));
    }

    @Override
    public void clear() {
        entries.clear();
    }
}
