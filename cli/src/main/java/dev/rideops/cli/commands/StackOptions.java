package dev.rideops.cli.commands;

import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.Setting;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that shape the local stack, shared by {@code preflight} and {@code up}. */
public final class StackOptions {

    @Option(
            names = "--brokers",
            paramLabel = "1|3|auto",
            description = "Kafka brokers: 1, or 3 with replication 3 and min.insync.replicas 2 "
                    + "(default auto: 3 when memory allows).")
    String brokers;

    @Option(names = "--taskmanagers", paramLabel = "N", description = "Flink TaskManagers to start (default 1).")
    Integer taskManagers;

    @Option(
            names = "--tls",
            description = "Serve TLS on the local stack (so far PostgreSQL) with certificates of a local CA, every "
                    + "client verifying them; kept for later commands (security.tls).")
    boolean tls;

    List<FlagValue> flags() {
        List<FlagValue> flags = new ArrayList<>();
        if (brokers != null) {
            flags.add(new FlagValue(Setting.KAFKA_BROKERS, brokers, "--brokers"));
        }
        if (taskManagers != null) {
            flags.add(new FlagValue(Setting.FLINK_TASKMANAGERS, taskManagers.toString(), "--taskmanagers"));
        }
        if (tls) {
            flags.add(new FlagValue(Setting.SECURITY_TLS, "true", "--tls"));
        }
        return flags;
    }
}
