package dev.rideops.cli.chaos;

import static dev.rideops.scenarios.SchemaExpectation.DEAD_LETTERS;
import static dev.rideops.scenarios.SchemaExpectation.KEEPS_GOING;
import static dev.rideops.scenarios.SchemaExpectation.NEEDS_REDEPLOY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaOutcomeTest {

    @Test
    void aJobThatRunsOnWithNothingDeadLetteredKeptGoing() {
        SchemaOutcome o = SchemaOutcome.judge(KEEPS_GOING, true, false, 0, true);
        assertThat(o.observed()).isEqualTo(KEEPS_GOING);
        assertThat(o.met()).isTrue();
        assertThat(o.describe()).isEqualTo("as expected: keeps-going; reverted");
    }

    @Test
    void aFailoverIsNotKeepingGoingEvenWhenTheJobRunsAgain() {
        SchemaOutcome o = SchemaOutcome.judge(KEEPS_GOING, true, true, 0, true);
        assertThat(o.met()).isFalse();
        assertThat(o.describe()).startsWith("NOT as expected (keeps-going)").contains("failed over");
    }

    @Test
    void deadLettersCountOnlyWhenTheFaultExpectsThem() {
        assertThat(SchemaOutcome.judge(DEAD_LETTERS, true, false, 12, false).met())
                .isTrue();
        SchemaOutcome unexpected = SchemaOutcome.judge(KEEPS_GOING, true, false, 12, true);
        assertThat(unexpected.observed()).isEqualTo(DEAD_LETTERS);
        assertThat(unexpected.met()).isFalse();
        assertThat(SchemaOutcome.judge(DEAD_LETTERS, true, false, 0, true).met())
                .as("expected dead letters that never came")
                .isFalse();
    }

    @Test
    void aJobThatStoppedNeedsARedeployAndAnUnknownDeadLetterCountProvesNothing() {
        assertThat(SchemaOutcome.judge(NEEDS_REDEPLOY, false, false, 0, false).met())
                .isTrue();
        assertThat(SchemaOutcome.judge(KEEPS_GOING, false, false, 0, true).observed())
                .isEqualTo(NEEDS_REDEPLOY);
        assertThat(SchemaOutcome.judge(KEEPS_GOING, true, false, -1, true).met())
                .isFalse();
        assertThat(SchemaOutcome.judge(NEEDS_REDEPLOY, false, false, 0, false).describe())
                .endsWith("kept for good");
    }
}
