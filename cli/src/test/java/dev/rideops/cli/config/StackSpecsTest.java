package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackSpecsTest {

    private static RideopsConfig config(Map<String, String> env) {
        return new ConfigLoader(env, Path.of("/tmp"), Path.of("/tmp/user")).load(Optional.empty(), List.of());
    }

    @Test
    void autoBrokersFollowAvailableMemoryAndCores() {
        RuntimeLayout layout = new RuntimeLayout(Path.of("/opt/rideops"));

        assertThat(StackSpecs.from(config(Map.of()), layout, () -> 20_000, 4)
                        .kafka()
                        .brokers())
                .isEqualTo(3);
        assertThat(StackSpecs.from(config(Map.of()), layout, () -> 8_000, 8)
                        .kafka()
                        .brokers())
                .isEqualTo(1);
        assertThat(StackSpecs.from(config(Map.of()), layout, () -> 20_000, 2)
                        .kafka()
                        .brokers())
                .isEqualTo(1);
        assertThat(StackSpecs.from(config(Map.of("RIDEOPS_KAFKA_BROKERS", "3")), layout, () -> 0, 2)
                        .kafka()
                        .brokers())
                .isEqualTo(3);
        assertThat(StackSpecs.from(config(Map.of("RIDEOPS_KAFKA_BROKERS", "1")), layout, () -> 20_000, 8)
                        .kafka()
                        .brokers())
                .isEqualTo(1);
    }

    @Test
    void sizesAndPortsComeFromConfig() {
        StackSpec spec = StackSpecs.from(
                config(Map.of(
                        "RIDEOPS_SEARCH_HEAP", "1g", "RIDEOPS_KAFKA_PORT", "19092", "RIDEOPS_KAFKA_BROKERS", "3")),
                new RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                2);

        assertThat(spec.search().heapMb()).isEqualTo(1024);
        assertThat(spec.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        assertThat(spec.ports())
                .extracting(StackSpec.PortUse::port)
                .doesNotHaveDuplicates()
                .contains(19094);
    }

    @Test
    void retentionCompressionWalAndLogLimitsComeFromConfig() {
        StackSpec defaults = StackSpecs.from(config(Map.of()), new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 2);
        StackSpec set = StackSpecs.from(
                config(Map.of(
                        "RIDEOPS_KAFKA_RETENTION_HOURS", "24",
                        "RIDEOPS_KAFKA_RETENTION_BYTES", "256m",
                        "RIDEOPS_KAFKA_COMPRESSION", "zstd",
                        "RIDEOPS_SOURCE_MAX_SLOT_WAL_KEEP_SIZE", "1g",
                        "RIDEOPS_LOGS_MAX_SIZE", "10m",
                        "RIDEOPS_LOGS_KEEP", "2")),
                new RuntimeLayout(Path.of("/opt/rideops")),
                () -> 0,
                2);

        assertThat(defaults.kafka())
                .extracting(
                        StackSpec.Kafka::retentionHours,
                        StackSpec.Kafka::retentionMbPerPartition,
                        StackSpec.Kafka::compression)
                .containsExactly(72, 1024, "lz4");
        assertThat(defaults.postgres().maxSlotWalKeepSizeMb()).isEqualTo(4096);
        assertThat(defaults.logs()).isEqualTo(new StackSpec.Logs(50, 4));
        assertThat(set.kafka())
                .extracting(
                        StackSpec.Kafka::retentionHours,
                        StackSpec.Kafka::retentionMbPerPartition,
                        StackSpec.Kafka::compression)
                .containsExactly(24, 256, "zstd");
        assertThat(set.postgres().maxSlotWalKeepSizeMb()).isEqualTo(1024);
        assertThat(set.logs()).isEqualTo(new StackSpec.Logs(10, 2));
    }
}
