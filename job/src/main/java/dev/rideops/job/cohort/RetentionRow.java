package dev.rideops.job.cohort;

import java.io.Serializable;
import java.time.LocalDate;

/** One row of a cohort retention table: a cohort seen {@code dayOffset} days after its date. */
public record RetentionRow(
        LocalDate cohortDate, int dayOffset, long cohortSize, long retained, long churned, long returned)
        implements Serializable {

    /** The UTC day this row describes, and the batch run that owns it. */
    public LocalDate day() {
        return cohortDate.plusDays(dayOffset);
    }
}
