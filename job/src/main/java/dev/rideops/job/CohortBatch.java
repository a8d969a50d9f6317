package dev.rideops.job;

import dev.rideops.job.batch.CohortMartSink;
import dev.rideops.job.batch.CohortSource;
import dev.rideops.job.batch.ComputeDay;
import dev.rideops.job.batch.MarkRunning;
import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.sinks.JdbcTarget;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The graph of the daily cohort batch: the days to compute (bounded), each read from the source and counted, then
 * written to the mart one day per transaction, the run's days marked RUNNING first. Source and mart are plugged in, so
 * tests run it on a MiniCluster.
 */
public final class CohortBatch {

    private final List<LocalDate> days;
    private final CohortSource source;
    private final CohortRules rules;
    private final JdbcTarget reporting;
    private final int retentionDays;

    /**
     * @param reporting the mart, as its writer: the day's rows and the run's {@code batch_run} rows
     * @param retentionDays days of rows kept before each day written (older ones are deleted); 0 keeps every day
     */
    public CohortBatch(
            List<LocalDate> days, CohortSource source, CohortRules rules, JdbcTarget reporting, int retentionDays) {
        this.days = List.copyOf(days);
        this.source = source;
        this.rules = rules;
        this.reporting = reporting;
        this.retentionDays = retentionDays;
    }

    /** Every day from {@code from} to {@code to}, both included. */
    public static List<LocalDate> days(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    public void build(StreamExecutionEnvironment env) {
        // a day that fails (a source or mart that went away) is tried twice more, then the job fails and says so
        // in batch_run: never the streaming job's endless restarts, which would hold the run until its timeout
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
        env.configure(restart);
        // a day's result goes from its computation to the chained sink as it is: without reuse Flink copies it
        // through Kryo (its row lists are generic types), which cannot copy Java records
        env.getConfig().enableObjectReuse();
        env.fromData(days.stream().map(LocalDate::toString).toList())
                .name("cohort-days")
                .uid("cohort-days")
                .map(new MarkRunning(days, reporting))
                .setParallelism(1)
                .name("mark-running")
                .uid("mark-running")
                .map(new ComputeDay(source, rules, reporting))
                .name("compute-cohort-day")
                .uid("compute-cohort-day")
                .sinkTo(new CohortMartSink(reporting, retentionDays))
                .name("cohort-mart-sink")
                .uid("cohort-mart-sink");
    }
}
