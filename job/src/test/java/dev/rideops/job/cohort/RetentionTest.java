package dev.rideops.job.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cohort measures on hand-written histories, days written relative to a fixed start: {@code d(3)}. */
class RetentionTest {

    private static final LocalDate START = LocalDate.parse("2026-11-01");
    private static final CohortRules RULES = new CohortRules(3, 30, 300);

    private static LocalDate d(int n) {
        return START.plusDays(n);
    }

    private static Member member(int cohort, int... active) {
        Member m = new Member(d(cohort));
        for (int day : active) {
            m.activeOn(d(day));
        }
        return m;
    }

    @Test
    void retainedCountsMembersActiveOnTheDay() {
        List<Member> cohort = List.of(member(0, 0, 1), member(0, 0, 3), member(0, 0, 1, 3), member(0, 0));
        assertThat(Retention.forDay(d(1), cohort, RULES)).containsExactly(new RetentionRow(d(0), 1, 4, 2, 0, 0));
        assertThat(Retention.forDay(d(3), cohort, RULES))
                .as("the member active only on its first day is churned by d(3)")
                .containsExactly(new RetentionRow(d(0), 3, 4, 2, 1, 0));
    }

    @Test
    void churnedFromTheChurnOffsetOnWhenTheWholeWindowIsQuiet() {
        // churn window of 3 days: on d(3) the window is d(1)..d(3)
        List<Member> cohort = List.of(member(0, 0), member(0, 0, 1), member(0, 0, 2));
        assertThat(Retention.forDay(d(2), cohort, RULES))
                .as("before offset 3 nobody can have been quiet for 3 days")
                .containsExactly(new RetentionRow(d(0), 2, 3, 1, 0, 0));
        assertThat(Retention.forDay(d(3), cohort, RULES)).containsExactly(new RetentionRow(d(0), 3, 3, 0, 1, 0));
        assertThat(Retention.forDay(d(5), cohort, RULES)).containsExactly(new RetentionRow(d(0), 5, 3, 0, 3, 0));
    }

    @Test
    void returnedIsActiveAgainAfterAQuietChurnWindow() {
        Member back = member(0, 0, 4); // quiet d(1)..d(3), back on d(4)
        Member tooSoon = member(0, 0, 3); // quiet only d(1)..d(2)
        Member steady = member(0, 0, 1, 2, 3, 4);
        Member gone = member(0, 0);
        List<Member> cohort = List.of(back, tooSoon, steady, gone);
        assertThat(Retention.forDay(d(4), cohort, RULES)).containsExactly(new RetentionRow(d(0), 4, 4, 2, 1, 1));
        // the day after, the returner is active neither on d(5) nor counted as returned
        assertThat(Retention.forDay(d(5), cohort, RULES)).containsExactly(new RetentionRow(d(0), 5, 4, 0, 1, 0));
    }

    @Test
    void oneRowPerCohortInTheWindowOwnedByTheDay() {
        List<Member> members = List.of(member(0, 0, 2), member(1, 1), member(2, 2), member(2, 2), member(3, 3));
        List<RetentionRow> rows = Retention.forDay(d(2), members, RULES);
        assertThat(rows)
                .containsExactly(
                        new RetentionRow(d(0), 2, 1, 1, 0, 0),
                        new RetentionRow(d(1), 1, 1, 0, 0, 0),
                        new RetentionRow(d(2), 0, 2, 2, 0, 0));
        assertThat(rows).allSatisfy(r -> assertThat(r.day()).isEqualTo(d(2)));
    }

    @Test
    void cohortsOlderThanTheMaxOffsetAreLeftOut() {
        CohortRules narrow = new CohortRules(3, 7, 300);
        assertThat(Retention.forDay(d(8), List.of(member(0, 0, 8), member(1, 1, 8)), narrow))
                .containsExactly(new RetentionRow(d(1), 7, 1, 1, 0, 1));
    }

    @Test
    void aSignupCohortCountsMembersThatNeverWereActive() {
        // signed up on d(0): one never active, one first active on d(2)
        List<Member> signups = List.of(member(0), member(0, 2));
        assertThat(Retention.forDay(d(2), signups, RULES)).containsExactly(new RetentionRow(d(0), 2, 2, 1, 0, 0));
        assertThat(Retention.forDay(d(3), signups, RULES))
                .as("the never-active member is churned once a whole window has passed")
                .containsExactly(new RetentionRow(d(0), 3, 2, 0, 1, 0));
    }

    @Test
    void anEmptyDayGivesEmptyCohorts() {
        assertThat(Retention.forDay(d(5), List.of(), RULES)).isEmpty();
    }
}
