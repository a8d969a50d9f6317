package dev.rideops.job.functions;

import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.StateBackend;

/** The harness tests on RocksDB, where state is bytes and every access goes through its serializer. */
class BucketAggregatorRocksDbHarnessTest extends BucketAggregatorHarnessTest {

    @Override
    StateBackend backend() {
        return new EmbeddedRocksDBStateBackend();
    }
}
