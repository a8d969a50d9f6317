package dev.rideops.stack;

import java.nio.file.Path;

/** StackSpecs for tests, with the defaults users get. */
public final class TestSpecs {

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
                new StackSpec.Postgres("user", "password", source, reporting, 4096),
                new StackSpec.Kafka(brokers, kafka, controller, 512, 72, 1024, "lz4"),
                new StackSpec.Connect(connect, 512),
                new StackSpec.Flink(flink, flinkRpc, flinkBlob, 1, 4, 768, 1280),
                new StackSpec.Search(search, searchTransport, 512),
                new StackSpec.Logs(50, 4));
    }
}
