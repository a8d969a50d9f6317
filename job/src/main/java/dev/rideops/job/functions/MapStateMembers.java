package dev.rideops.job.functions;

import dev.rideops.job.kpi.BucketMembers;
import dev.rideops.job.kpi.Metric;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * A bucket's distinct members in keyed map state, an entry per metric (its ordinal) and member: on RocksDB adding a
 * member already there is one point read, and a new one a read and a write, whatever the bucket holds.
 */
final class MapStateMembers implements BucketMembers {

    static final MapStateDescriptor<Tuple2<Integer, Long>, Boolean> DESCRIPTOR =
            new MapStateDescriptor<>("members", Types.TUPLE(Types.INT, Types.LONG), Types.BOOLEAN);

    private final MapState<Tuple2<Integer, Long>, Boolean> members;

    MapStateMembers(MapState<Tuple2<Integer, Long>, Boolean> members) {
        this.members = members;
    }

    @Override
    public boolean add(Metric metric, long member) throws Exception {
        Tuple2<Integer, Long> key = Tuple2.of(metric.ordinal(), member);
        if (members.contains(key)) {
            return false;
        }
        members.put(key, true);
        return true;
    }

    @Override
    public boolean remove(Metric metric, long member) throws Exception {
        Tuple2<Integer, Long> key = Tuple2.of(metric.ordinal(), member);
        if (!members.contains(key)) {
            return false;
        }
        members.remove(key);
        return true;
    }

    @Override
    public void clear() {
        members.clear();
    }
}
