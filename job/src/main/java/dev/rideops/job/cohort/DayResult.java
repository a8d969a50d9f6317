package dev.rideops.job.cohort;

import dev.rideops.contract.CohortBatchContract;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the batch writes for one UTC day; the sink replaces the day's rows with these in one transaction. */
public record DayResult(
        LocalDate day,
        CohortRules rules,
        List<RetentionRow> riderCohorts,
        List<RetentionRow> driverCohorts,
        List<RetentionRow> riderSignups,
        List<RetentionRow> driverSignups,
        List<ProductivityRow> productivity)
        implements Serializable {

    /** Rows per mart table, as {@code mart.batch_run.rows_written} and {@code rideops batch cohort} report them. */
    public Map<String, Integer> rowsWritten() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put(CohortBatchContract.RIDER_COHORTS, riderCohorts.size());
        rows.put(CohortBatchContract.DRIVER_COHORTS, driverCohorts.size());
        rows.put(CohortBatchContract.RIDER_SIGNUPS, riderSignups.size());
        rows.put(CohortBatchContract.DRIVER_SIGNUPS, driverSignups.size());
        rows.put(CohortBatchContract.PRODUCTIVITY, productivity.size());
        return rows;
    }
}
