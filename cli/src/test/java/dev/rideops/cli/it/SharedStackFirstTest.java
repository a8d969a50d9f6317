package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which integration test classes share the run's stack: those that only use a running pipeline. */
class SharedStackFirstTest {

    @Test
    void theClassesThatOnlyUseARunningPipelineShareIt() {
        assertThat(SharedStackFirst.sharesTheStack(ChaosIT.class)).isTrue();
        assertThat(SharedStackFirst.sharesTheStack(DashboardIT.class)).isTrue();
        assertThat(SharedStackFirst.sharesTheStack(MonitoringIT.class)).isTrue();
        assertThat(SharedStackFirst.sharesTheStack(SecretsIT.class)).isTrue();
        assertThat(SharedStackFirst.sharesTheStack(CohortBatchCliIT.class)).isTrue();
        assertThat(SharedStackFirst.sharesTheStack(UpIT.class)).isTrue();
    }

    /**
     * They stop, restart or fail to start the stack, or need a fresh source database alone (GenerateIT counts the
     * city a seed makes from nothing, and the shared source already has one). StackIT's stack also runs the pipeline
     * end to end ({@link EndToEnd}, once PipelineIT with a stack of its own): two TaskManagers and a password the user
     * set, which the shared one does not have.
     */
    @Test
    void theClassesThatOwnTheirStackDoNot() {
        assertThat(SharedStackFirst.sharesTheStack(StackIT.class)).isFalse();
        assertThat(SharedStackFirst.sharesTheStack(FailedStartIT.class)).isFalse();
        assertThat(SharedStackFirst.sharesTheStack(GenerateIT.class)).isFalse();
    }
}
