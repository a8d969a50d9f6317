package dev.rideops.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * Writes this version's bucket savepoint and what this version emits after restoring it, for the test of the next
 * state layout (issue #15), which must restore it and emit the same.
 */
class BucketSavepointWriter {

    static final Path DIR = Path.of("src/test/resources/savepoints");

    @Test
    void writeTheSavepointOfThisLayoutAndWhatFollowsIt() throws Exception {
        BucketSavepointScript before = new BucketSavepointScript();
        before.harness.open();
        before.beforeSavepoint();
        OperatorSubtaskState savepoint = before.harness
                .snapshotWithLocalState(1, 1, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                .getJobManagerOwnedState();
        List<String> straight = before.afterRestore();
        before.harness.close();

        Files.createDirectories(DIR);
        String file = DIR.resolve("bucket-metrics-kryo-layout").toString();
        OperatorSnapshotUtil.writeStateHandle(savepoint, file);
        BucketSavepointScript after = new BucketSavepointScript();
        after.harness.initializeState(OperatorSnapshotUtil.readStateHandle(file));
        after.harness.open();
        List<String> restored = after.afterRestore();
        after.harness.close();

        assertThat(restored).isEqualTo(straight).hasSizeGreaterThan(20);
        Files.write(DIR.resolve("bucket-metrics-kryo-layout.expected"), restored);
    }
}
