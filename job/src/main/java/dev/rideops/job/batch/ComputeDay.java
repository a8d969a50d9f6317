package dev.rideops.job.batch;

import dev.rideops.job.batch.CohortSource.Activity;
import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.cohort.DayResult;
import dev.rideops.job.cohort.Retention;
import java.sql.Connection;
import java.time.LocalDate;
import org.apache.flink.api.common.functions.MapFunction;

/** One UTC day (ISO date) in, everything the batch writes for it out: read from the source, counted by the pure logic. */
public class ComputeDay implements MapFunction<String, DayResult> {

    private static final long serialVersionUID = 1L;

    private final CohortSource source;
    private final CohortRules rules;

    public ComputeDay(CohortSource source, CohortRules rules) {
        this.source = source;
        this.rules = rules;
    }

    @Override
    public DayResult map(String isoDay) throws Exception {
        LocalDate day = LocalDate.parse(isoDay);
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
