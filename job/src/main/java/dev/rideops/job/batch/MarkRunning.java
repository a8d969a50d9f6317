package dev.rideops.job.batch;

import dev.rideops.job.sinks.DriverRelease;
import dev.rideops.job.sinks.JdbcTarget;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Marks all the run's days RUNNING, with this Flink job's id, once when the task opens (run it at parallelism 1),
 * then passes each day on: so {@code batch status} shows every submitted day from the job's start.
 */
public class MarkRunning extends RichMapFunction<String, String> {

    private static final long serialVersionUID = 1L;

    private final List<LocalDate> days;
    private final JdbcTarget reporting;

    public MarkRunning(List<LocalDate> days, JdbcTarget reporting) {
        this.days = List.copyOf(days);
        this.reporting = reporting;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        // a task of its own in batch mode, maybe on a TaskManager that runs no mart writer
        DriverRelease.registerOn(getRuntimeContext());
        BatchRunLog.running(
                reporting, days, getRuntimeContext().getJobInfo().getJobId().toHexString());
    }

    @Override
    public String map(String day) {
        return day;
    }
}
