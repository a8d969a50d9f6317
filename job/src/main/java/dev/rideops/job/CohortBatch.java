package dev.rideops.job;

import dev.rideops.job.batch.CohortSource;
import dev.rideops.job.batch.ComputeDay;
import dev.rideops.job.cohort.CohortRules;
import dev.rideops.job.cohort.DayResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The graph of the daily cohort batch: the days to compute (bounded), each read from the source and counted, then
 * written to the mart one day per transaction. Source and sink are plugged in, so tests run it on a MiniCluster.
 */
public final class CohortBatch {

    private final List<LocalDate> days;
    private final CohortSource source;
    private final CohortRules rules;
    private final Sink<DayResult> sink;

    public CohortBatch(List<LocalDate> days, CohortSource source, CohortRules rules, Sink<DayResult> sink) {
        this.days = List.copyOf(days);
        this.source = source;
        this.rules = rules;
        this.sink = sink;
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
        env.fromData(days.stream().map(LocalDate::toString).toList())
                .name("cohort-days")
                .uid("cohort-days")
                .map(new ComputeDay(source, rules))
                .name("compute-cohort-day")
                .uid("compute-cohort-day")
                .sinkTo(sink)
                .name("cohort-mart-sink")
                .uid("cohort-mart-sink");
    }
}
