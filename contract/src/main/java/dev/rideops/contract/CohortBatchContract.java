package dev.rideops.contract;

/**
 * The daily cohort batch: a bounded job in the same jar as the streaming one, submitted by {@code rideops batch
 * cohort} and the stack's schedule. Its arguments are its own ({@link Arg}), so {@code deploy --job-arg} never
 * offers them for the streaming job.
 */
public final class CohortBatchContract {

    /** The batch job's name, as {@code /jobs/overview} lists it (never {@link JobContract#JOB_NAME}). */
    public static final String JOB_NAME = "rideops-cohort-batch";
    /** The class Flink runs from the job jar for the batch. */
    public static final String ENTRY_CLASS = "dev.rideops.job.CohortBatchJob";
    /** The {@code mart.batch_run} key of this batch. */
    public static final String BATCH = "cohort";
    /** The mart tables it writes (reporting migration V5). */
    public static final String RIDER_COHORTS = "mart.rider_cohort_retention";

    public static final String DRIVER_COHORTS = "mart.driver_cohort_retention";
    public static final String RIDER_SIGNUPS = "mart.rider_signup_retention";
    public static final String DRIVER_SIGNUPS = "mart.driver_signup_retention";
    public static final String PRODUCTIVITY = "mart.driver_daily_productivity";
    /** One row per (batch, day): state, rules and rows written. */
    public static final String BATCH_RUN = "mart.batch_run";
    /** Where the SQL definitions of the batch's tables are kept in {@link JobResources#KPI_DEFINITIONS}. */
    public static final String DEFINITIONS_SECTION = "cohort_tables";

    /**
     * Where the batch finds the source reader's password (named as rideops names {@code reader.password}) when no {@code --source.password-file} is given: this
     * variable in the environment of the TaskManagers (the local stack sets it), like
     * {@link JobContract#REPORTING_PASSWORD_ENV} for the mart writer's. Never a program argument.
     */
    public static final String READER_PASSWORD_ENV = "RIDEOPS_READER_PASSWORD";

    /** Days without activity after which a member counts as churned. */
    public static final int DEFAULT_CHURN_DAYS = 7;
    /** The widest day offset computed for a cohort (the retention triangle's width). */
    public static final int DEFAULT_MAX_DAY_OFFSET = 30;
    /** Consecutive pings of a driver at most this far apart count as online time between them. */
    public static final int DEFAULT_ONLINE_GAP_SECONDS = 300;

    /** The batch's program arguments ({@code --key value}). */
    public enum Arg {
        SOURCE_URL("source.url"),
        /** A role that may read the source tables: the reader. */
        SOURCE_USER("source.user"),
        /** A file on the TaskManagers holding its password (else {@link #READER_PASSWORD_ENV}). */
        SOURCE_PASSWORD_FILE("source.password-file"),
        REPORTING_URL("reporting.url"),
        /** The mart writer, as for the streaming job. */
        REPORTING_USER("reporting.user"),
        /** A file on the TaskManagers holding its password (else {@link JobContract#REPORTING_PASSWORD_ENV}). */
        REPORTING_PASSWORD_FILE("reporting.password-file"),
        /** First UTC day to compute, ISO date. */
        FROM("from"),
        /** Last UTC day to compute (inclusive), ISO date. */
        TO("to"),
        CHURN_DAYS("churn-days"),
        MAX_DAY_OFFSET("max-day-offset"),
        ONLINE_GAP_SECONDS("online-gap-seconds"),
        /** Days of rows kept before each day written ({@link MartRetention}); 0 keeps every day. */
        RETENTION_DAYS("retention-days");

        private final String key;

        Arg(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public String flag() {
            return "--" + key;
        }
    }

    private CohortBatchContract() {}
}
