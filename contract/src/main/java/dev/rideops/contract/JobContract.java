package dev.rideops.contract;

/**
 * Names the job uses and its deployers rely on. A deployer that finds the job, reads its consumer group's lag or
 * one of its metrics by name must agree with the job, so both take them from here (docs/CONTRACT.md).
 */
public final class JobContract {

    /** The Flink job's name, as {@code /jobs/overview} lists it. */
    public static final String JOB_NAME = "rideops-job";
    /** The class Flink runs from the job jar. */
    public static final String ENTRY_CLASS = "dev.rideops.job.RideopsJob";
    /** The job's Kafka consumer group: its committed offsets are the pipeline's consumer lag. */
    public static final String GROUP_ID = "rideops-job";
    /** Where malformed CDC records go, with their reason. */
    public static final String DEAD_LETTER_TOPIC = "rideops.dlq";
    /** The name of the job's Kafka source operator; its {@code pendingRecords} metric is the live lag. */
    public static final String SOURCE_NAME = "cdc-topics";
    /**
     * The search sink's gauge of documents it holds that the search node has not acknowledged: the search index has
     * caught up when it is 0 (the sink keeps a failing node's backlog in its checkpointed state).
     */
    public static final String SEARCH_PENDING_METRIC = "rideops_search_pending";

    /**
     * Where the job finds the mart writer's password when no {@code --reporting.password-file} is given: this
     * variable in the environment of the TaskManagers (the local stack sets it). Passwords are never program
     * arguments: Flink shows those in its web UI, its logs and the JobManager's command line.
     */
    public static final String REPORTING_PASSWORD_ENV = "RIDEOPS_REPORTING_PASSWORD";
    /**
     * The same for the job's Kafka password when no {@code --kafka.password-file} is given: the Kafka clients resolve
     * it where they run, the TaskManagers and the JobManager (whose source enumerator lists the topics), so the
     * local stack sets it in both.
     */
    public static final String KAFKA_PASSWORD_ENV = "RIDEOPS_KAFKA_PASSWORD";
    /** The same for the search node's password, as the original system names it. */
    public static final String SEARCH_PASSWORD_ENV = "ELASTIC_PASSWORD";
    /**
     * Where the job looks first, before {@link #SEARCH_PASSWORD_ENV}: the password of its own search user (the
     * writer), which the local stack sets in the TaskManagers' environment; {@code ELASTIC_PASSWORD} stays the
     * admin's, as in the original system, and still works for a remote cluster's TaskManagers that set only it.
     */
    public static final String SEARCH_WRITER_PASSWORD_ENV = "RIDEOPS_SEARCH_WRITER_PASSWORD";
    /**
     * The same for the password of the job's schema registry user ({@code cdc.format: avro}) when no
     * {@code --registry.password-file} is given: the TaskManagers read the schemas, so the local stack sets it there.
     */
    public static final String REGISTRY_PASSWORD_ENV = "RIDEOPS_REGISTRY_PASSWORD";

    private JobContract() {}
}
