package dev.rideops.stack.services;

import dev.rideops.contract.JobContract;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JobManager of the local Flink session cluster: REST API and web UI, over mutual TLS when the cluster has
 * certificates (the stack's always does).
 */
public final class FlinkJobManager extends ProcessService {

    private final FlinkCluster cluster;
    private final Supplier<String> kafkaPassword;

    public FlinkJobManager(ServiceDirs dirs, FlinkCluster cluster) {
        this(dirs, cluster, () -> "");
    }

    /**
     * @param kafkaPassword the job's Kafka user's password, in this process's environment
     *     ({@link JobContract#KAFKA_PASSWORD_ENV}): the Kafka source's enumerator runs here and lists the topics
     */
    public FlinkJobManager(ServiceDirs dirs, FlinkCluster cluster, Supplier<String> kafkaPassword) {
        super("flink-jobmanager", dirs, cluster.restPort(), Duration.ofSeconds(90), cluster.logRotation());
        this.cluster = cluster;
        this.kafkaPassword = kafkaPassword;
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of(JobContract.KAFKA_PASSWORD_ENV, kafkaPassword.get());
    }

    @Override
    protected void prepare() throws IOException {
        cluster.writeConfig(
                dirs.conf(), dirs.root().resolve("tmp"), dirs.log(), Map.of(), cluster.restServerConfig(dirs.conf()));
    }

    @Override
    protected List<String> command() throws IOException {
        return cluster.command(
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "GET_JM_RESOURCE_PARAMS",
                dirs.conf(),
                dirs.log());
    }

    /** Healthy only when the TLS handshake with rideops's client certificate and the REST call both work. */
    @Override
    public String probe() {
        try {
            cluster.restCalls(name()).probe("/overview");
            return null;
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    @Override
    public String endpoint() {
        return cluster.restEndpoint();
    }
}
