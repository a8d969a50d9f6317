package dev.rideops.stack.services;

import dev.rideops.stack.lifecycle.JavaCommand;
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
        super("flink-jobmanager", dirs);
        this.cluster = cluster;
    }

    @Override
    protected void prepare() throws IOException {
        cluster.writeConfig(dirs.conf(), dirs.root().resolve("tmp"), Map.of());
    }

    @Override
    protected List<String> command() throws IOException {
        FlinkCluster.ResourceParams params = cluster.resourceParams(dirs.conf(), "GET_JM_RESOURCE_PARAMS", dirs.log());
        return JavaCommand.of("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint")
                .jvm(params.jvmOptions())
                .jvm(FlinkCluster.JAVA17_OPENS)
                .jarsIn(cluster.lib())
                .property("log4j2.configurationFile", dirs.conf().resolve("log4j2.properties"))
                .property("log.file", dirs.log())
                .args("--configDir", dirs.conf().toString())
                .args(params.dynamicProperties())
                .build();
    }

    @Override
    public String probe() {
        try {
            Http.get(endpoint() + "/overview");
            return null;
        } catch (IOException e) {
            return Http.describe(e);
        }
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + cluster.restPort();
    }

    @Override
    public int port() {
        return cluster.restPort();
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(90);
    }
}
