package dev.rideops.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to run the embedded stack on this machine: where its state lives, where the build laid out
 * the services' runtimes, ports, counts and memory. Immutable; the CLI builds it from the effective config.
 */
public record StackSpec(
        Path home,
        RuntimeLayout runtimes,
        String dbUser,
        String dbPassword,
        int sourcePort,
        int reportingPort,
        int brokers,
        int kafkaPort,
        int kafkaControllerPort,
        int connectPort,
        int flinkPort,
        int flinkRpcPort,
        int flinkBlobPort,
        int taskManagers,
        int taskSlots,
        int searchPort,
        int searchTransportPort,
        int kafkaHeapMb,
        int connectHeapMb,
        int jobManagerMemoryMb,
        int taskManagerMemoryMb,
        int searchHeapMb) {

    public StackSpec {
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("brokers must be 1 or 3, was " + brokers);
        }
        if (taskManagers < 1) {
            throw new IllegalArgumentException("taskManagers must be at least 1, was " + taskManagers);
        }
    }

    /** Every port the stack listens on, named by the service and purpose, for preflight and clash messages. */
    public List<PortUse> ports() {
        List<PortUse> ports = new ArrayList<>();
        ports.add(new PortUse(sourcePort, "source-db", "PostgreSQL ride_hailing_db", "source.port"));
        ports.add(new PortUse(reportingPort, "reporting-db", "PostgreSQL reporting_db", "reporting.port"));
        for (int i = 0; i < brokers; i++) {
            ports.add(new PortUse(kafkaPort + i, kafkaServiceName(i), "Kafka client listener", "kafka.port"));
            ports.add(new PortUse(kafkaControllerPort + i, kafkaServiceName(i), "KRaft controller listener",
                    "kafka.controller-port"));
        }
        ports.add(new PortUse(connectPort, "connect", "Kafka Connect REST", "connect.port"));
        ports.add(new PortUse(flinkPort, "flink-jobmanager", "Flink REST and web UI", "flink.port"));
        ports.add(new PortUse(flinkRpcPort, "flink-jobmanager", "Flink JobManager RPC", "flink.rpc-port"));
        ports.add(new PortUse(flinkBlobPort, "flink-jobmanager", "Flink blob server", "flink.blob-port"));
        ports.add(new PortUse(searchPort, "search", "search REST (Elasticsearch API)", "search.port"));
        ports.add(new PortUse(searchTransportPort, "search", "search transport", "search.transport-port"));
        return List.copyOf(ports);
    }

    public static String kafkaServiceName(int index) {
        return "kafka-" + (index + 1);
    }

    /** Rough resident memory of the idle stack, from measurements on the reference machine. */
    public long estimatedMemoryMb() {
        long postgres = 2 * 150L;
        long kafka = brokers * (kafkaHeapMb + 250L);
        long connect = connectHeapMb + 250L;
        long flink = jobManagerMemoryMb + (long) taskManagers * taskManagerMemoryMb;
        long search = searchHeapMb + 300L;
        return postgres + kafka + connect + flink + search;
    }

    public String kafkaBootstrapServers() {
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            servers.add("127.0.0.1:" + (kafkaPort + i));
        }
        return String.join(",", servers);
    }

    /** A port of the stack, who uses it, and the config key that moves it. */
    public record PortUse(int port, String service, String purpose, String configKey) {
    }
}
