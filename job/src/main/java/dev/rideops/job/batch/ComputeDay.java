package dev.rideops.job.batch;

import dev.rideops.job.batch.CohortSource.Activity;
import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.cohort.DayResult;
import dev.rideops.job.cohort.Retention;
import dev.rideops.job.sinks.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * One UTC day (ISO date) in, everything the batch writes for it out: read from the source, counted by the pure logic.
 * A day that fails is marked FAILED with its error in {@code mart.batch_run} (as the mart writer) before the job
 * fails.
 */
public class ComputeDay implements MapFunction<String, DayResult> {

    private static final long serialVersionUID = 1L;

    private final CohortSource source;
    private final CohortRules rules;
    private final JdbcTarget reporting;

    public ComputeDay(CohortSource source, CohortRules rules, JdbcTarget reporting) {
        this.source = source;
        this.rules = rules;
        this.reporting = reporting;
    }

    @Override
    public DayResult map(String isoDay) throws Exception {
        LocalDate day = LocalDate.parse(isoDay);
        try {
            return compute(day);
        } catch (Exception e) {
            try {
                BatchRunLog.failed(reporting, day, String.valueOf(e.getMessage()));
            } catch (SQLException unwritable) {
                // the mart is what failed: Flink's job state shows it (batch status reads it for a RUNNING day)
                e.addSuppressed(unwritable);
            }
            throw e;
        }
    }

    private DayResult compute(LocalDate day) throws Exception {
        try (Connection c = source.connect()) {
            DayResult result = new DayResult(
                    day,
                    rules,
                    Retention.forDay(day, source.firstActive(c, Activity.RIDER, day, rules), rules),
                    Retention.forDay(day, source.firstActive(c, Activity.DRIVER, day, rules), rules),
                    Retention.forDay(day, source.signups(c, Activity.RIDER, day, rules), rules),
                    Retention.forDay(day, source.signups(c, Activity.DRIVER, day, rules), rules),
                    source.productivity(c, day, rules).rows());
            c.commit();
            return result;
        }
    }
}
