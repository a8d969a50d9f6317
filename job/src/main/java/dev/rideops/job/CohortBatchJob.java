package dev.rideops.job;

import dev.rideops.contract.CohortBatchContract;
import dev.rideops.contract.CohortBatchContract.Arg;
import dev.rideops.contract.Defaults;
import dev.rideops.contract.JobContract;
import dev.rideops.contract.MartRetention;
import dev.rideops.job.batch.CohortSource;
import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.credentials.Credential;
import dev.rideops.job.sinks.JdbcTarget;
import java.time.LocalDate;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Second entry point of the job jar: the bounded daily cohort batch ({@code rideops batch cohort}) over
 * {@code --from} to {@code --to}, run in Flink's batch mode on the same session cluster as the streaming job. It
 * reads the source as the reader and writes the mart as the mart writer, each password looked up on the TaskManager
 * like the streaming job's ({@link Credential}: a {@code --*.password-file}, else the TaskManager's environment).
 */
public final class CohortBatchJob {

    private CohortBatchJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        LocalDate from = LocalDate.parse(p.getRequired(Arg.FROM.key()));
        LocalDate to = LocalDate.parse(p.get(Arg.TO.key(), from.toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        new CohortBatch(
                        CohortBatch.days(from, to),
                        new CohortSource(new JdbcTarget(
                                p.get(
                                        Arg.SOURCE_URL.key(),
                                        "jdbc:postgresql://127.0.0.1:" + Defaults.SOURCE_PORT + "/"
                                                + Defaults.SOURCE_DATABASE),
                                p.get(Arg.SOURCE_USER.key(), "rideops_reader"),
                                Credential.fromFileOrEnv(
                                        p.get(Arg.SOURCE_PASSWORD_FILE.key(), ""),
                                        CohortBatchContract.READER_PASSWORD_ENV))),
                        rules(p),
                        new JdbcTarget(
                                p.get(
                                        Arg.REPORTING_URL.key(),
                                        "jdbc:postgresql://127.0.0.1:" + Defaults.REPORTING_PORT + "/"
                                                + Defaults.REPORTING_DATABASE),
                                p.get(Arg.REPORTING_USER.key(), "rideops_mart"),
                                Credential.fromFileOrEnv(
                                        p.get(Arg.REPORTING_PASSWORD_FILE.key(), ""),
                                        JobContract.REPORTING_PASSWORD_ENV)),
                        p.getInt(Arg.RETENTION_DAYS.key(), MartRetention.DEFAULT_COHORT_DAYS))
                .build(env);
        env.execute(CohortBatchContract.JOB_NAME);
    }

    static CohortRules rules(ParameterTool p) {
        return new CohortRules(
                p.getInt(Arg.CHURN_DAYS.key(), CohortBatchContract.DEFAULT_CHURN_DAYS),
                p.getInt(Arg.MAX_DAY_OFFSET.key(), CohortBatchContract.DEFAULT_MAX_DAY_OFFSET),
                p.getInt(Arg.ONLINE_GAP_SECONDS.key(), CohortBatchContract.DEFAULT_ONLINE_GAP_SECONDS));
    }
}
