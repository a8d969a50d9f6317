package dev.rideops.cli.chaos;

import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.pipeline.DeployRequest;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.NetworkFault;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.proxy.FaultProxy;
import dev.rideops.stack.proxy.LinkFault;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;

/**
 * A network fault on the connector's link to the source: a {@link FaultProxy} in this process, on a port the kernel
 * picks, forwarding to where the connector reaches the source; the connector is redeployed through the proxy (the
 * one deploy step, with {@code connector.database-host/port} pointing at it), the fault held for its time and
 * cleared, and the connector redeployed straight to the source again, also when the fault failed.
 */
final class NetworkChange {

    private final RideopsConfig config;
    private final StackSpec spec;
    private final PrintWriter err;

    NetworkChange(RideopsConfig config, StackSpec spec, PrintWriter err) {
        this.config = config;
        this.spec = spec;
        this.err = err;
    }

    void run(FaultScenario fault, Duration faultyFor) {
        NetworkFault network = fault.network();
        String host = orElse(config.get(Setting.CONNECTOR_DATABASE_HOST), config.get(Setting.SOURCE_HOST));
        int port =
                Integer.parseInt(orElse(config.get(Setting.CONNECTOR_DATABASE_PORT), config.get(Setting.SOURCE_PORT)));
        try (FaultProxy proxy = FaultProxy.start(network.link(), 0, host, port)) {
            err.printf(
                    Locale.ROOT,
                    "rideops: %s: fault proxy on 127.0.0.1:%d -> %s:%d; pointing the connector at it%n",
                    fault.name(),
                    proxy.port(),
                    host,
                    port);
            err.flush();
            try {
                redeployConnector(config.with(Setting.CONNECTOR_DATABASE_HOST, "127.0.0.1", "chaos " + fault.name())
                        .with(
                                Setting.CONNECTOR_DATABASE_PORT,
                                Integer.toString(proxy.port()),
                                "chaos " + fault.name()));
                proxy.set(linkFault(network));
                err.printf(Locale.ROOT, "rideops: %s: %s on %s%n", fault.name(), describe(network), network.link());
                err.flush();
                ChaosRun.sleepWithProgress(err, faultyFor, "link faulty, clearing it");
                proxy.set(LinkFault.NONE);
            } finally {
                err.println("  network            link cleared; pointing the connector straight at the source again");
                err.flush();
                redeployConnector(config);
            }
        } catch (IOException e) {
            throw new RideopsException(
                    fault.name() + ": could not start the fault proxy: " + e.getMessage(),
                    "check 'rideops status'; 'rideops deploy --only connector' points the connector at the source");
        }
    }

    /** The connector step of deploy: the same config as deploy would write, and wait until it runs. */
    private void redeployConnector(RideopsConfig withConfig) {
        // the connector step reads no job jar
        new PipelineDeployment(withConfig, spec, err)
                .run(DeployRequest.resume(EnumSet.of(PipelineDeployment.Step.CONNECTOR), null));
    }

    static LinkFault linkFault(NetworkFault n) {
        return switch (n.fault()) {
            case LATENCY -> new LinkFault.Latency(n.latency(), n.jitter());
            case BANDWIDTH -> new LinkFault.Bandwidth(n.bytesPerSecond());
            case BLACKHOLE -> new LinkFault.Partition(true);
            case PARTITION -> new LinkFault.Partition(false);
            case RESET -> new LinkFault.Reset();
        };
    }

    static String describe(NetworkFault n) {
        return switch (n.fault()) {
            case LATENCY ->
                String.format(
                        Locale.ROOT,
                        "latency %d ms +- %d ms",
                        n.latency().toMillis(),
                        n.jitter().toMillis());
            case BANDWIDTH -> "bandwidth " + n.bytesPerSecond() + " bytes/s";
            case BLACKHOLE -> "blackhole (nothing gets through)";
            case PARTITION -> "partition (connections refused and reset)";
            case RESET -> "connections reset";
        };
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
