package dev.rideops.job.cohort;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cohort measures for one UTC day D (docs/KPI_CATALOGUE.md#cohorts): for every cohort dated between D minus the
 * max day offset and D, its size, and how many of its members are retained (active on D), churned (no activity on
 * the {@code churnDays} days ending with D, counted from offset {@code churnDays} on) and returned (active on D,
 * inactive on the {@code churnDays} days before it, and active on some day between the cohort date and that
 * window). A cohort without members has no row.
 */
public final class Retention {

    private Retention() {}

    public static List<RetentionRow> forDay(LocalDate day, Collection<Member> members, CohortRules rules) {
        LocalDate oldest = day.minusDays(rules.maxDayOffset());
        Map<LocalDate, long[]> byCohort = new TreeMap<>();
        int churn = rules.churnDays();
        for (Member m : members) {
            LocalDate cohort = m.cohortDate();
            if (cohort.isBefore(oldest) || cohort.isAfter(day)) {
                continue;
            }
            long offset = ChronoUnit.DAYS.between(cohort, day);
            long[] counts = byCohort.computeIfAbsent(cohort, c -> new long[4]);
            counts[0]++;
            boolean active = m.active(day);
            if (active) {
                counts[1]++;
            }
            if (offset >= churn && !m.activeBetween(day.minusDays(churn - 1L), day)) {
                counts[2]++;
            }
            if (active
                    && !m.activeBetween(day.minusDays(churn), day.minusDays(1))
                    && m.activeBetween(cohort, day.minusDays(churn + 1L))) {
                counts[3]++;
            }
        }
        List<RetentionRow> rows = new ArrayList<>();
        byCohort.forEach((cohort, c) ->
                rows.add(new RetentionRow(cohort, (int) ChronoUnit.DAYS.between(cohort, day), c[0], c[1], c[2], c[3])));
        return rows;
    }
}
