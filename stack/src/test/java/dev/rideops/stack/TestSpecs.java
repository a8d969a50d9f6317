package dev.rideops.stack;

import dev.rideops.clients.kafka.KafkaUsers;
import java.nio.file.Path;

/** StackSpecs for tests, with the defaults users get. */
public final class TestSpecs {

    /** The local registry's users as rideops names them by default. */
    public static final StackSpec.RegistryUsers REGISTRY_USERS =
            new StackSpec.RegistryUsers("registry-connect", "registry-job");

    private TestSpecs() {}

    public static StackSpec defaults(Path home, Path dist) {
        return withPorts(home, dist, 5432, 5433, 9092, 29092, 8083, 8081, 6123, 6124, 9200, 9300, 1);
    }

    public static StackSpec withPorts(
            Path home,
            Path dist,
            int source,
            int reporting,
            int kafka,
            int controller,
            int connect,
            int flink,
            int flinkRpc,
            int flinkBlob,
            int search,
            int searchTransport,
            int brokers) {
        return new StackSpec(
                home,
                new RuntimeLayout(dist),
                new StackSpec.Postgres("user", source, reporting, 4096),
                kafka(brokers, kafka, controller),
                new StackSpec.Connect(connect, 512, "rideops"),
                new StackSpec.Flink(flink, flinkRpc, flinkBlob, 9249, 1, 4, 768, 1280),
                new StackSpec.Search(
                        search,
                        searchTransport,
                        512,
                        new StackSpec.SearchUsers("elastic", "rideops_search_writer", "rideops_search_reader")),
                new StackSpec.Logs(50, 4),
                withoutMonitoring(),
                StackSpec.NativeProperties.none(),
                new StackSpec.Dashboard(8088, "rideops"),
                false,
                null);
    }

    /** A spec with Avro change events ({@code cdc.format: avro}) and the given registry. */
    public static StackSpec withRegistry(StackSpec spec, StackSpec.Registry registry) {
        return new StackSpec(
                spec.home(),
                spec.runtimes(),
                spec.postgres(),
                spec.kafka(),
                spec.connect(),
                spec.flink(),
                spec.search(),
                spec.logs(),
                spec.monitoring(),
                spec.nativeProperties(),
                spec.dashboard(),
                spec.tls(),
                registry);
    }

    /** The default brokers' settings: no proxied listener, the default SASL mechanism and users. */
    public static StackSpec.Kafka kafka(int brokers, int port, int controllerPort) {
        return new StackSpec.Kafka(
                brokers,
                port,
                controllerPort,
                512,
                72,
                1024,
                "lz4",
                0,
                StackSpec.Kafka.DEFAULT_SASL_MECHANISM,
                KafkaUsers.defaults());
    }

    /** Neither Prometheus nor Alertmanager installed. */
    public static StackSpec.Monitoring withoutMonitoring() {
        return monitoring(null, null);
    }

    /** Both installed at the given paths (null: not installed), with the default settings. */
    public static StackSpec.Monitoring monitoring(Path prometheus, Path alertmanager) {
        return new StackSpec.Monitoring(
                prometheus, 9090, "7d", alertmanager, 9095, 9400, "prometheus", 15, 9404, "prometheus");
    }

    /** The default spec with the given monitoring and TaskManager count. */
    public static StackSpec with(Path home, Path dist, StackSpec.Monitoring monitoring, int taskManagers) {
        StackSpec spec = defaults(home, dist);
        StackSpec.Flink f = spec.flink();
        return new StackSpec(
                home,
                spec.runtimes(),
                spec.postgres(),
                spec.kafka(),
                spec.connect(),
                new StackSpec.Flink(
                        f.port(),
                        f.rpcPort(),
                        f.blobPort(),
                        f.metricsPort(),
                        taskManagers,
                        f.taskSlots(),
                        f.jobManagerMemoryMb(),
                        f.taskManagerMemoryMb()),
                spec.search(),
                spec.logs(),
                monitoring,
                spec.nativeProperties(),
                spec.dashboard(),
                spec.tls(),
                spec.registry());
    }
}
