package dev.rideops.stack.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.CohortBatchContract;
import dev.rideops.contract.JobContract;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One TaskManager of the local Flink session cluster; healthy once the JobManager lists it with its slots. */
public final class FlinkTaskManager extends ProcessService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlinkCluster cluster;
    private final String resourceId;
    private final Supplier<String> martPassword;
    private final Supplier<String> readerPassword;
    private final Supplier<String> searchWriterPassword;
    private final Supplier<String> kafkaPassword;
    private final Supplier<String> registryPassword;

    /**
     * @param martPassword the job's mart writer password, handed to the job in this process's environment
     *     ({@link JobContract#REPORTING_PASSWORD_ENV}): never a program argument, which Flink shows and logs
     * @param readerPassword the reader's, which the cohort batch reads the source as, the same way
     *     ({@link CohortBatchContract#READER_PASSWORD_ENV}); read-only on both databases
     * @param searchWriterPassword the job's search user's ({@link JobContract#SEARCH_WRITER_PASSWORD_ENV}): it writes
     *     only the job's own indexes
     * @param kafkaPassword the job's Kafka user's, the same way ({@link JobContract#KAFKA_PASSWORD_ENV})
     * @param registryPassword the job's schema registry user's ({@link JobContract#REGISTRY_PASSWORD_ENV}), which
     *     only reads schemas; empty with JSON change events
     */
    public FlinkTaskManager(
            ServiceDirs dirs,
            int number,
            FlinkCluster cluster,
            Supplier<String> martPassword,
            Supplier<String> readerPassword,
            Supplier<String> searchWriterPassword,
            Supplier<String> kafkaPassword,
            Supplier<String> registryPassword) {
        super("flink-taskmanager-" + number, dirs, cluster.restPort(), Duration.ofSeconds(90), cluster.logRotation());
        this.cluster = cluster;
        this.resourceId = "rideops-tm-" + number;
        this.martPassword = martPassword;
        this.readerPassword = readerPassword;
        this.searchWriterPassword = searchWriterPassword;
        this.kafkaPassword = kafkaPassword;
        this.registryPassword = registryPassword;
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of(
                JobContract.REPORTING_PASSWORD_ENV,
                martPassword.get(),
                CohortBatchContract.READER_PASSWORD_ENV,
                readerPassword.get(),
                JobContract.SEARCH_WRITER_PASSWORD_ENV,
                searchWriterPassword.get(),
                JobContract.KAFKA_PASSWORD_ENV,
                kafkaPassword.get(),
                JobContract.REGISTRY_PASSWORD_ENV,
                registryPassword.get());
    }

    @Override
    protected void prepare() throws IOException {
        cluster.writeConfig(
                dirs.conf(),
                dirs.root().resolve("tmp"),
                dirs.log(),
                Map.of(
                        "taskmanager.resource-id", resourceId,
                        "taskmanager.rpc.port", "0",
                        "taskmanager.data.port", "0"));
    }

    @Override
    protected List<String> command() throws IOException {
        return cluster.command(
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "GET_TM_RESOURCE_PARAMS",
                dirs.conf(),
                dirs.log());
    }

    @Override
    public String probe() {
        try {
            JsonNode taskManagers = JSON.readTree(cluster.restCalls(name()).probe("/taskmanagers"))
                    .path("taskmanagers");
            for (JsonNode tm : taskManagers) {
                if (resourceId.equals(tm.path("id").asText())) {
                    return tm.path("slotsNumber").asInt() > 0 ? null : "registered without slots";
                }
            }
            return "not registered with the JobManager yet";
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** The JobManager's REST API, which it is probed through. */
    @Override
    public String endpoint() {
        return cluster.restEndpoint();
    }
}
