package dev.rideops.job.cohort;

import java.time.LocalDate;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One rider or driver as a cohort sees it: the day of the cohort it belongs to (first active day, or sign-up day)
 * and the UTC days it was active on. Days before the cohort date are ignored.
 */
public final class Member {

    private final LocalDate cohortDate;
    private final NavigableSet<LocalDate> activeDays = new TreeSet<>();

    public Member(LocalDate cohortDate) {
        this.cohortDate = cohortDate;
    }

    public LocalDate cohortDate() {
        return cohortDate;
    }

    public Member activeOn(LocalDate day) {
        if (!day.isBefore(cohortDate)) {
            activeDays.add(day);
        }
        return this;
    }

    /** Active on {@code day}. */
    boolean active(LocalDate day) {
        return activeDays.contains(day);
    }

    /** Active on any day in {@code [from, to]}. */
    boolean activeBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return false;
        }
        LocalDate first = activeDays.ceiling(from);
        return first != null && !first.isAfter(to);
    }
}
