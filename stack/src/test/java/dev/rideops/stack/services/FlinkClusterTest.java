package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rideops.stack.lifecycle.LogRotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkClusterTest {

    @TempDir
    Path home;

    @Test
    void theReportersTakeOnePortEachFromTheConfiguredOnes() throws Exception {
        FlinkCluster cluster = new FlinkCluster(
                home,
                home.resolve("lib"),
                8081,
                6123,
                6124,
                List.of(19249, 19250, 19251),
                4,
                768,
                1280,
                Map.of(),
                new LogRotation(50L << 20, 4),
                null);
        Path conf = Files.createDirectories(home.resolve("conf"));

        cluster.writeConfig(conf, home.resolve("tmp"), home.resolve("service.log"), Map.of());

        JsonNode config = new ObjectMapper(new YAMLFactory())
                .readTree(conf.resolve("config.yaml").toFile());
        assertThat(config.get("metrics.reporter.prom.port").asText()).isEqualTo("19249-19251");
        assertThat(config.get("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        // a parallel job's slots spread over the TaskManagers (Flink 1.20's key; TASKS came later)
        assertThat(config.get("taskmanager.load-balance.mode").asText()).isEqualTo("SLOTS");
    }

    @Test
    void theUsersFlinkConfigIsWrittenOnceAndWinsOverOurs() throws Exception {
        FlinkCluster cluster = new FlinkCluster(
                home,
                home.resolve("lib"),
                8081,
                6123,
                6124,
                List.of(9249, 9250),
                4,
                768,
                1280,
                Map.of("taskmanager.numberOfTaskSlots", "8", "pekko.ask.timeout", "30 s"),
                new LogRotation(50L << 20, 4),
                null);
        Path conf = Files.createDirectories(home.resolve("conf"));

        cluster.writeConfig(conf, home.resolve("tmp"), home.resolve("service.log"), Map.of());

        String yaml = Files.readString(conf.resolve("config.yaml"));
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertThat(config.get("taskmanager.numberOfTaskSlots").asText()).isEqualTo("8");
        assertThat(config.get("pekko.ask.timeout").asText()).isEqualTo("30 s");
        assertThat(yaml.split("taskmanager.numberOfTaskSlots", -1)).hasSize(2);
    }

    @Test
    void theHeapBackendGetsTheManagedMemoryAsHeapAndRocksDbKeepsIt() throws Exception {
        assertThat(managedFraction(Map.of())).isEqualTo("0");
        assertThat(managedFraction(Map.of("state.backend.type", "rocksdb"))).isNull();
        assertThat(managedFraction(Map.of(
                        "state.backend.type",
                        "org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackendFactory")))
                .isNull();
        assertThat(managedFraction(Map.of("state.backend", "rocksdb"))).isNull();
    }

    private String managedFraction(Map<String, String> userConfig) throws Exception {
        FlinkCluster cluster = new FlinkCluster(
                home,
                home.resolve("lib"),
                8081,
                6123,
                6124,
                List.of(9249, 9250),
                4,
                768,
                1280,
                userConfig,
                new LogRotation(50L << 20, 4),
                null);
        Path conf = Files.createDirectories(home.resolve("conf"));
        cluster.writeConfig(conf, home.resolve("tmp"), home.resolve("service.log"), Map.of());
        JsonNode fraction = new ObjectMapper(new YAMLFactory())
                .readTree(conf.resolve("config.yaml").toFile())
                .get("taskmanager.memory.managed.fraction");
        return fraction == null ? null : fraction.asText();
    }
}
