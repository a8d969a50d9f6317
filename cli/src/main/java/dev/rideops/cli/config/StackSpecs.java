package dev.rideops.cli.config;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Turns the effective config into the {@link StackSpec} the embedded stack runs. */
public final class StackSpecs {

    private StackSpecs() {
    }

    public static StackSpec from(RideopsConfig config, RuntimeLayout runtimes, LongSupplier availableMemoryMb) {
        return new StackSpec(
                config.home(),
                runtimes,
                config.get(Setting.SOURCE_USER),
                config.get(Setting.SOURCE_PASSWORD),
                config.intValue(Setting.SOURCE_PORT),
                config.intValue(Setting.REPORTING_PORT),
                brokers(config, availableMemoryMb),
                config.intValue(Setting.KAFKA_PORT),
                config.intValue(Setting.KAFKA_CONTROLLER_PORT),
                config.intValue(Setting.CONNECT_PORT),
                config.intValue(Setting.FLINK_PORT),
                config.intValue(Setting.FLINK_RPC_PORT),
                config.intValue(Setting.FLINK_BLOB_PORT),
                config.intValue(Setting.FLINK_TASKMANAGERS),
                config.intValue(Setting.FLINK_TASK_SLOTS),
                config.intValue(Setting.SEARCH_PORT),
                config.intValue(Setting.SEARCH_TRANSPORT_PORT),
                config.megabytes(Setting.KAFKA_HEAP),
                config.megabytes(Setting.CONNECT_HEAP),
                config.megabytes(Setting.FLINK_JOBMANAGER_MEMORY),
                config.megabytes(Setting.FLINK_TASKMANAGER_MEMORY),
                config.megabytes(Setting.SEARCH_HEAP));
    }

    /**
     * {@code kafka.brokers=auto} means three brokers (replication 3, min.insync 2, as the original setup) when
     * at least {@value #THREE_BROKER_MEMORY_MB} MiB are available, else one.
     */
    static int brokers(RideopsConfig config, LongSupplier availableMemoryMb) {
        String value = config.get(Setting.KAFKA_BROKERS).toLowerCase(Locale.ROOT);
        if (!value.equals("auto")) {
            return Integer.parseInt(value);
        }
        return availableMemoryMb.getAsLong() >= THREE_BROKER_MEMORY_MB ? 3 : 1;
    }

    static final long THREE_BROKER_MEMORY_MB = 12 * 1024;

    /** Whether the broker count was chosen by memory rather than asked for, so commands can say so. */
    public static boolean brokersAuto(RideopsConfig config) {
        return config.get(Setting.KAFKA_BROKERS).equalsIgnoreCase("auto");
    }
}
