package dev.rideops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rideops.stack.lifecycle.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

    @TempDir
    Path home;

    @Test
    void monitoringIsTheLastTierWhenInstalled() {
        StackSpec spec = TestSpecs.with(
                home, home, TestSpecs.monitoring(Path.of("/usr/bin/prometheus"), Path.of("/usr/bin/alertmanager")), 1);

        assertThat(new Stack(spec, false).services())
                .extracting(Service::name)
                .containsExactly(
                        "source-db",
                        "reporting-db",
                        "kafka-1",
                        "search",
                        "connect",
                        "flink-jobmanager",
                        "flink-taskmanager-1",
                        "prometheus",
                        "alertmanager");
        assertThat(spec.ports())
                .extracting(StackSpec.PortUse::port)
                .contains(9090, 9095, 9249, 9250)
                .doesNotContain(9251, 9400)
                .doesNotHaveDuplicates();
    }

    @Test
    void aSpecSavedBeforeMonitoringExistedRunsNone() throws Exception {
        ObjectNode saved = (ObjectNode)
                new ObjectMapper().valueToTree(TestSpecs.with(home, home, TestSpecs.withoutMonitoring(), 1));
        saved.remove("monitoring");
        ((ObjectNode) saved.get("flink")).remove("metricsPort");
        Files.writeString(Stack.specFile(home), saved.toString());

        StackSpec spec = Stack.savedSpec(home).orElseThrow();

        assertThat(spec.monitoring().runsPrometheus()).isFalse();
        assertThat(new Stack(spec, false).services())
                .extracting(Service::name)
                .doesNotContain("prometheus", "alertmanager");
    }

    @Test
    void withoutPrometheusTheStackHasNoMonitoring() {
        StackSpec spec = TestSpecs.with(home, home, TestSpecs.withoutMonitoring(), 1);

        assertThat(new Stack(spec, false).services())
                .extracting(Service::name)
                .doesNotContain("prometheus", "alertmanager");
        assertThat(spec.ports()).extracting(StackSpec.PortUse::port).doesNotContain(9090, 9095);
    }
}
