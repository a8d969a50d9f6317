package dev.rideops.job.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** What a harnessed operator holds in keyed state, read the same way on the heap and on RocksDB. */
final class KeyedStateProbe {

    private KeyedStateProbe() {}

    /** The states among {@code names} that hold anything, each as "name key". */
    static List<String> keysIn(AbstractStreamOperatorTestHarness<?> harness, String... names) {
        KeyedStateBackend<String> backend = backend(harness);
        List<String> left = new ArrayList<>();
        for (String name : names) {
            try (Stream<String> keys = backend.getKeys(name, VoidNamespace.INSTANCE)) {
                keys.forEach(key -> left.add(name + " " + key));
            }
        }
        return left;
    }

    /** The entries one key's map state holds. */
    static <K> int entries(
            AbstractStreamOperatorTestHarness<?> harness, String key, MapStateDescriptor<K, ?> descriptor)
            throws Exception {
        KeyedStateBackend<String> backend = backend(harness);
        backend.setCurrentKey(key);
        MapState<K, ?> state =
                backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
        int n = 0;
        for (K ignored : state.keys()) {
            n++;
        }
        return n;
    }

    private static KeyedStateBackend<String> backend(AbstractStreamOperatorTestHarness<?> harness) {
        return ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
    }
}
