package dev.rideops.stack.services;

import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The JobManager of the local Flink session cluster: REST API and web UI. */
public final class FlinkJobManager extends ProcessService {

    private final FlinkCluster cluster;

    public FlinkJobManager(ServiceDirs dirs, FlinkCluster cluster) {
        super("flink-jobmanager", dirs, cluster.restPort(), Duration.ofSeconds(90), cluster.logRotation());
        this.cluster = cluster;
    }

    @Override
    protected void prepare() throws IOException {
        cluster.writeConfig(dirs.conf(), dirs.root().resolve("tmp"), dirs.log(), Map.of());
    }

    @Override
    protected List<String> command() throws IOException {
        return cluster.command(
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "GET_JM_RESOURCE_PARAMS",
                dirs.conf(),
                dirs.log());
    }

    @Override
    public String probe() {
        return probeHttp("/overview");
    }

    @Override
    public String endpoint() {
        return httpEndpoint();
    }
}
