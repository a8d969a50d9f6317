package dev.rideops.stack.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A service's JVM takes exactly one collector: a second -XX:+Use…GC flag would stop it from starting. */
class JavaCommandTest {

    private static List<String> collectors(List<String> command) {
        return command.stream().filter(o -> o.matches("-XX:\\+Use\\w+GC")).toList();
    }

    @Test
    void g1UnlessAServiceAsksForTheThroughputCollector() {
        List<String> g1 = JavaCommand.of("Main").heapMb(256).build();
        List<String> parallel =
                JavaCommand.of("Main").heapMb(256).throughputCollector().build();

        assertThat(collectors(g1)).containsExactly("-XX:+UseG1GC");
        assertThat(collectors(parallel)).containsExactly("-XX:+UseParallelGC");
        // options before the class path, the main class and its arguments after it, as for every service
        assertThat(parallel.indexOf("-XX:+UseParallelGC")).isLessThan(parallel.indexOf("-cp"));
        assertThat(parallel).endsWith("Main");
    }
}
