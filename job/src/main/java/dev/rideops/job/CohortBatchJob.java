package dev.rideops.job;

import dev.rideops.contract.CohortBatchContract;
import dev.rideops.contract.CohortBatchContract.Arg;
import dev.rideops.contract.Defaults;
import dev.rideops.job.batch.CohortMartSink;
import dev.rideops.job.batch.CohortSource;
import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.sinks.JdbcTarget;
import java.time.LocalDate;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Second entry point of the job jar: the bounded daily cohort batch ({@code rideops batch cohort}) over
 * {@code --from} to {@code --to}, run in Flink's batch mode on the same session cluster as the streaming job.
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
                                p.get(Arg.SOURCE_USER.key(), "user"),
                                p.get(Arg.SOURCE_PASSWORD.key(), "password"))),
                        rules(p),
                        new CohortMartSink(new JdbcTarget(
                                p.get(
                                        Arg.REPORTING_URL.key(),
                                        "jdbc:postgresql://127.0.0.1:" + Defaults.REPORTING_PORT + "/"
                                                + Defaults.REPORTING_DATABASE),
                                p.get(Arg.REPORTING_USER.key(), "user"),
                                p.get(Arg.REPORTING_PASSWORD.key(), "password"))))
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
