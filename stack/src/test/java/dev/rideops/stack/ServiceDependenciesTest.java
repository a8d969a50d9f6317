package dev.rideops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.stack.lifecycle.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceDependenciesTest {

    private static final List<String> THREE_BROKERS = List.of(
            "source-db",
            "reporting-db",
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "search",
            "connect",
            "flink-jobmanager",
            "flink-taskmanager-1",
            "flink-taskmanager-2",
            "prometheus",
            "alertmanager",
            "generator");

    private final ServiceDependencies deps = new ServiceDependencies(THREE_BROKERS);

    @TempDir
    Path home;

    @Test
    void startingATaskManagerBringsUpWhatItsJobReadsAndWritesInStartOrder() {
        assertThat(deps.withWhatTheyNeed(List.of("flink-taskmanager-2")))
                .containsExactly(
                        "reporting-db",
                        "kafka-1",
                        "kafka-2",
                        "kafka-3",
                        "search",
                        "flink-jobmanager",
                        "flink-taskmanager-2");
        assertThat(deps.withWhatTheyNeed(List.of("connect")))
                .containsExactly("source-db", "kafka-1", "kafka-2", "kafka-3", "connect");
        assertThat(deps.withWhatTheyNeed(List.of("search"))).containsExactly("search");
    }

    @Test
    void withAvroChangeEventsConnectAndTheTaskManagersNeedTheRegistry() {
        List<String> avro = new ArrayList<>(THREE_BROKERS);
        avro.add(avro.indexOf("search") + 1, "registry");
        ServiceDependencies withRegistry = new ServiceDependencies(avro);

        assertThat(withRegistry.withWhatTheyNeed(List.of("connect")))
                .containsExactly("source-db", "kafka-1", "kafka-2", "kafka-3", "registry", "connect");
        assertThat(withRegistry.dependentsOf(List.of("registry")))
                .containsExactly("connect", "flink-taskmanager-1", "flink-taskmanager-2");
        // without it (JSON change events) nothing waits for a registry that never runs
        assertThat(deps.needs("connect")).doesNotContain("registry");
    }

    @Test
    void stoppingKafkaNamesEverythingThatNeedsItButNotWhatIsStoppedToo() {
        assertThat(deps.dependentsOf(deps.resolve(List.of("kafka"))))
                .containsExactly("connect", "flink-taskmanager-1", "flink-taskmanager-2");
        assertThat(deps.dependentsOf(List.of("source-db"))).containsExactly("connect", "generator");
        assertThat(deps.dependentsOf(List.of("flink-jobmanager")))
                .containsExactly("flink-taskmanager-1", "flink-taskmanager-2");
        assertThat(deps.dependentsOf(deps.resolve(List.of("flink")))).isEmpty();
        assertThat(deps.dependentsOf(List.of("alertmanager"))).isEmpty();
        assertThat(deps.dependentsOf(List.of("prometheus"))).containsExactly("alertmanager");
    }

    @Test
    void groupsStandForTheirMembersOfThisStackInStartOrder() {
        assertThat(deps.resolve(List.of("monitoring", "kafka", "postgres")))
                .containsExactly(
                        "source-db", "reporting-db", "kafka-1", "kafka-2", "kafka-3", "prometheus", "alertmanager");
        assertThat(new ServiceDependencies(List.of("source-db", "kafka-1", "connect")).resolve(List.of("kafka")))
                .containsExactly("kafka-1");
    }

    @Test
    void anUnknownNameIsRefusedByName() {
        assertThatThrownBy(() -> deps.resolve(List.of("connect", "kafka-9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafka-9");
        ServiceDependencies withoutMonitoring = new ServiceDependencies(List.of("source-db", "kafka-1"));
        assertThatThrownBy(() -> withoutMonitoring.resolve(List.of("monitoring")))
                .hasMessage("monitoring");
    }

    @Test
    void theStacksOrderRespectsEveryDependency() {
        StackSpec spec = TestSpecs.with(
                home, home, TestSpecs.monitoring(Path.of("/usr/bin/prometheus"), Path.of("/usr/bin/alertmanager")), 2);
        Stack stack = new Stack(spec, false);
        ServiceDependencies fromStack = stack.dependencies();
        List<String> order =
                new ArrayList<>(stack.services().stream().map(Service::name).toList());
        order.add("generator");

        for (String service : order) {
            for (String needed : fromStack.needs(service)) {
                assertThat(order.indexOf(needed))
                        .as(service + " needs " + needed)
                        .isLessThan(order.indexOf(service));
            }
        }
        assertThat(fromStack.needs("flink-taskmanager-2"))
                .containsExactlyInAnyOrder("flink-jobmanager", "kafka-1", "reporting-db", "search");
    }
}
