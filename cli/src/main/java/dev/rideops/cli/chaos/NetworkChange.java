package dev.rideops.cli.chaos;

import dev.rideops.cli.config.DatabaseTls;
import dev.rideops.cli.config.Endpoints;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.pipeline.DeployRequest;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.scenarios.FaultScenario;
import dev.rideops.scenarios.NetworkFault;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.proxy.FaultProxy;
import dev.rideops.stack.proxy.LinkFault;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A network fault on one link: {@link FaultProxy}s in this process forward to where the link's client reaches its
 * server; that client is redeployed through them (the connector with {@code connector.database-host/port}, the job
 * with a savepoint and {@code job.kafka-bootstrap-servers}, {@code job.reporting-url} or {@code job.search-url}: the
 * one deploy step either way), the fault is held for its time and cleared, and the client is redeployed straight to
 * its server again, also when the fault failed. The proxied addresses reach deploy only for the fault: between
 * faults nothing listens on them.
 */
final class NetworkChange {

    /** What happened to the job on a job link: the job that ran through the proxy, and whether it failed over. */
    record JobThroughProxy(String jobId, boolean failedOver) {}

    /** One proxy: where it listens (0: a port the kernel picks) and where it forwards to. */
    record Route(int listenPort, String host, int port) {}

    private static final Duration CHECKPOINT_TIMEOUT = Duration.ofMinutes(3);

    private final RideopsConfig config;
    private final StackSpec spec;
    private final PrintWriter err;

    NetworkChange(RideopsConfig config, StackSpec spec, PrintWriter err) {
        this.config = config;
        this.spec = spec;
        this.err = err;
    }

    /** Refuses, before anything is touched, a link this stack cannot put a proxy on. */
    static void check(FaultScenario fault, StackSpec spec) {
        if (fault.network().link().equals("kafka-job") && !spec.kafka().hasProxiedListener()) {
            throw new UsageException(
                    "fault '" + fault.name() + "' needs the brokers' proxied listener, and this stack has none",
                    "set kafka.proxy-port (for example RIDEOPS_KAFKA_PROXY_PORT=19092), then restart the stack: "
                            + "rideops down && rideops up");
        }
    }

    /** The proxies a link needs, in front of the server its client reaches now. */
    static List<Route> routes(NetworkFault network, RideopsConfig config, StackSpec spec) {
        return switch (network.link()) {
            case "connect-source-db" ->
                List.of(new Route(
                        0,
                        orElse(config.get(Setting.CONNECTOR_DATABASE_HOST), config.get(Setting.SOURCE_HOST)),
                        Integer.parseInt(
                                orElse(config.get(Setting.CONNECTOR_DATABASE_PORT), config.get(Setting.SOURCE_PORT)))));
            case "kafka-job" -> {
                // fixed ports: each broker advertises its proxy's address on the proxied listener
                List<Route> routes = new ArrayList<>();
                for (int i = 0; i < spec.kafka().brokers(); i++) {
                    routes.add(new Route(
                            spec.kafka().proxyPort() + i,
                            "127.0.0.1",
                            spec.kafka().proxiedListenerPort(i)));
                }
                yield List.copyOf(routes);
            }
            case "job-reporting-db" ->
                List.of(new Route(0, config.get(Setting.REPORTING_HOST), config.intValue(Setting.REPORTING_PORT)));
            case "job-search" -> {
                URI search = URI.create(Endpoints.from(config, spec).searchUrl());
                yield List.of(new Route(0, search.getHost(), search.getPort()));
            }
            default -> throw new IllegalArgumentException("no proxy route for link " + network.link());
        };
    }

    /** The config the link's client is redeployed with to go through the proxies listening on {@code ports}. */
    static RideopsConfig throughProxies(
            NetworkFault network, RideopsConfig config, StackSpec spec, List<Integer> ports, String why) {
        return switch (network.link()) {
            case "connect-source-db" ->
                config.with(Setting.CONNECTOR_DATABASE_HOST, "127.0.0.1", why)
                        .with(Setting.CONNECTOR_DATABASE_PORT, Integer.toString(ports.get(0)), why);
            case "kafka-job" ->
                config.with(Setting.JOB_KAFKA_BOOTSTRAP_SERVERS, spec.kafka().proxiedBootstrapServers(), why);
            case "job-reporting-db" ->
                config.with(
                        Setting.JOB_REPORTING_URL,
                        DatabaseTls.of(config)
                                .jdbcUrl("127.0.0.1", ports.get(0), config.get(Setting.REPORTING_DATABASE)),
                        why);
            case "job-search" -> {
                URI search = URI.create(Endpoints.from(config, spec).searchUrl());
                yield config.with(Setting.JOB_SEARCH_URL, search.getScheme() + "://127.0.0.1:" + ports.get(0), why);
            }
            default -> throw new IllegalArgumentException("no proxy route for link " + network.link());
        };
    }

    /**
     * Runs the fault; on a job link, says which job ran through the proxy and whether it failed over meanwhile (the
     * job that runs afterwards is a new one, redeployed from a savepoint).
     */
    Optional<JobThroughProxy> run(FaultScenario fault, Duration faultyFor) {
        NetworkFault network = fault.network();
        List<FaultProxy> proxies = new ArrayList<>();
        try {
            for (Route r : routes(network, config, spec)) {
                proxies.add(FaultProxy.start(network.link(), r.listenPort(), r.host(), r.port()));
                err.printf(
                        Locale.ROOT,
                        "rideops: %s: fault proxy on 127.0.0.1:%d -> %s:%d%n",
                        fault.name(),
                        proxies.get(proxies.size() - 1).port(),
                        r.host(),
                        r.port());
            }
            List<Integer> ports = proxies.stream().map(FaultProxy::port).toList();
            String client = network.jobLink() ? "the job" : "the connector";
            err.printf(Locale.ROOT, "rideops: %s: pointing %s at the proxy%n", fault.name(), client);
            err.flush();
            Optional<JobThroughProxy> job = Optional.empty();
            try {
                redeploy(network, throughProxies(network, config, spec, ports, "chaos " + fault.name()));
                FlinkJob flink = Endpoints.from(config, spec).flink();
                Optional<String> proxiedJob = network.jobLink() ? flink.runningJobId() : Optional.empty();
                long faultMs = System.currentTimeMillis();
                proxies.forEach(p -> p.set(linkFault(network)));
                err.printf(Locale.ROOT, "rideops: %s: %s on %s%n", fault.name(), describe(network), network.link());
                err.flush();
                ChaosRun.waitOut(err, "network", "link faulty", faultyFor, "cleared");
                proxies.forEach(p -> p.set(LinkFault.NONE));
                job = proxiedJob.map(id -> new JobThroughProxy(id, failedOverSince(flink, id, faultMs)));
                proxiedJob.ifPresent(id -> awaitCheckpointed(flink, id, System.currentTimeMillis()));
            } finally {
                err.println("  network            link cleared; pointing " + client + " straight at its server again");
                err.flush();
                redeploy(network, config);
            }
            return job;
        } catch (IOException e) {
            throw new RideopsException(
                    fault.name() + ": could not start the fault proxy: " + e.getMessage(),
                    "check 'rideops status' and that nothing else listens there; 'rideops deploy' points the "
                            + "pipeline at its servers");
        } finally {
            proxies.forEach(FaultProxy::close);
        }
    }

    /**
     * A job that failed over on the faulty link is restarting when the link is cleared, and a job that is not
     * running cannot be stopped with a savepoint: the way back waits for its first checkpoint on the clear link.
     */
    private void awaitCheckpointed(FlinkJob flink, String jobId, long afterMs) {
        err.println("  network            waiting for the job's first checkpoint on the clear link");
        err.flush();
        boolean checkpointed = Poll.every(Duration.ofMillis(500), CHECKPOINT_TIMEOUT)
                .until(() -> {
                    try {
                        return flink.runningJobId().filter(jobId::equals).isPresent()
                                && flink.latestCheckpointAckMs(jobId) >= afterMs;
                    } catch (ClientException e) {
                        return false;
                    }
                });
        if (!checkpointed) {
            throw new RideopsException(
                    "the job took no checkpoint within " + CHECKPOINT_TIMEOUT.toSeconds()
                            + "s of the link being cleared, so it cannot be moved off the proxy",
                    "see 'rideops logs flink-jobmanager'; 'rideops deploy' points the job at its servers again");
        }
    }

    private static boolean failedOverSince(FlinkJob flink, String jobId, long sinceMs) {
        try {
            return flink.lastRestartMs(jobId) >= sinceMs;
        } catch (ClientException e) {
            return true; // the job it was is gone: it did not simply keep running
        }
    }

    /** The one deploy step for the link's client: the connector, or the job from a savepoint of itself. */
    private void redeploy(NetworkFault network, RideopsConfig withConfig) {
        PipelineDeployment deployment = new PipelineDeployment(withConfig, spec, err);
        if (network.jobLink()) {
            deployment.run(DeployRequest.redeploySameJar());
        } else {
            // the connector step reads no job jar
            deployment.run(DeployRequest.resume(EnumSet.of(PipelineDeployment.Step.CONNECTOR), null));
        }
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
