package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the search node's JVM is started. */
class SearchNodeCommandTest {

    @TempDir
    Path home;

    @Test
    void theNodeRunsTheThroughputCollectorOnItsFixedHeap() throws IOException {
        List<String> command = new SearchNode(
                        ServiceDirs.of(home, "search"),
                        9200,
                        9300,
                        512,
                        Map.of(),
                        home.resolve("lib"),
                        home.resolve("classes"),
                        new StackSpec.SearchUsers("elastic", "rideops_search_writer", "rideops_search_reader"),
                        name -> "pw-of-" + name,
                        new LogRotation(50L << 20, 4))
                .command();

        // issue #16: the pipeline's largest CPU consumer; its pauses delay only search documents
        assertThat(command)
                .contains("-XX:+UseParallelGC", "-Xms512m", "-Xmx512m")
                .doesNotContain("-XX:+UseG1GC");
    }
}
