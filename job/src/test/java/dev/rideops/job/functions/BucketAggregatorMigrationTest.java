package dev.rideops.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resuming from savepoints, on either backend: one the operator took before issue #15 (every bucket one Kryo value),
 * and one of the current layout. The first was written by {@code BucketSavepointWriter} at commit 9725e5a (the
 * layout before, on the heap backend, as a canonical savepoint), with the lines that operator emitted after
 * restoring it: the current one must emit exactly those, and leave no state, old or new, once every bucket retired.
 */
class BucketAggregatorMigrationTest {

    private static final Path SAVEPOINTS = Path.of("src/test/resources/savepoints");

    /** What the operator before issue #15 emitted after restoring its savepoint. */
    private static List<String> kryoLayoutLines() throws Exception {
        return Files.readAllLines(SAVEPOINTS.resolve("bucket-metrics-kryo-layout.expected"));
    }

    private static List<String> stateLeft(BucketSavepointScript script) {
        return KeyedStateProbe.keysIn(script.harness, BucketSavepointScript.STATES);
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aSavepointOfTheKryoLayoutResumesWithTheSameResults(String backend) throws Exception {
        BucketSavepointScript script = new BucketSavepointScript();
        script.harness.setStateBackend(backend(backend));
        script.harness.initializeState(OperatorSnapshotUtil.readStateHandle(
                SAVEPOINTS.resolve("bucket-metrics-kryo-layout").toString()));
        script.harness.open();
        assertThat(KeyedStateProbe.keysIn(script.harness, "bucket", "dirty", "extra-members"))
                .as("buckets, pending changes and a member's second row in the Kryo layout")
                .anyMatch(key -> key.startsWith("bucket "))
                .anyMatch(key -> key.startsWith("dirty "))
                .anyMatch(key -> key.startsWith("extra-members "));
        assertThat(KeyedStateProbe.keysIn(script.harness, "totals")).isEmpty();

        List<String> lines = script.afterRestore();

        assertThat(lines).isEqualTo(kryoLayoutLines());
        assertThat(stateLeft(script)).as("every bucket moved, then retired").isEmpty();
        assertThat(script.harness.numEventTimeTimers()).isZero();
        script.harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aSavepointOfThisLayoutResumesWithTheSameResultsOnEitherBackend(String restoredOn) throws Exception {
        BucketSavepointScript before = new BucketSavepointScript();
        before.harness.setStateBackend(new HashMapStateBackend());
        before.harness.open();
        before.beforeSavepoint();
        OperatorSubtaskState savepoint = before.harness
                .snapshotWithLocalState(1, 1, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                .getJobManagerOwnedState();
        List<String> straight = before.afterRestore();
        before.harness.close();
        assertThat(straight).as("the same as the layout before").isEqualTo(kryoLayoutLines());

        BucketSavepointScript after = new BucketSavepointScript();
        after.harness.setStateBackend(backend(restoredOn));
        after.harness.initializeState(savepoint);
        after.harness.open();
        assertThat(after.afterRestore()).isEqualTo(straight);
        assertThat(stateLeft(after)).isEmpty();
        after.harness.close();
    }
}
