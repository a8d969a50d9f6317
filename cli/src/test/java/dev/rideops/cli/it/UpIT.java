package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's first command from a clean home, as the run's shared stack ({@link SharedTinyStack}) was started:
 * {@code rideops up --volume tiny} runs the stack, seeds the recent history, creates the connector and the indexes,
 * deploys the job, starts the generator and waits for results. (PipelineIT asserted this on a stack of its own; its
 * other checks now run on StackIT's, see {@link EndToEnd}.)
 */
@ExtendWith(SharedTinyStack.class)
class UpIT {

    @Test
    void upFromACleanHomeRunsTheWholePipeline() throws Exception {
        Rideops rideops = SharedTinyStack.get().rideops();
        Rideops.Result up = SharedTinyStack.get().up();
        assertThat(up.code()).as(up.err()).isZero();
        // the last two hours were seeded before the live generator started, so whole rides are there at once
        assertThat(up.err()).containsPattern("history +2h written: [0-9,]+ rows \\([0-9,]+ rides requested\\)");
        assertThat(up.err())
                .contains("connector  created rideops-source, RUNNING")
                .contains("indexes    template driver_locations_timeseries updated; driver_locations created")
                .contains("job        running")
                .contains("results are flowing")
                .containsPattern("job checkpoints completed +[1-9]")
                .contains("snapshot freshness");
        assertThat(up.out()).contains("SELECT * FROM mart.latest_metric_snapshot");

        EndToEnd.awaitAtLeast(
                rideops,
                "SELECT count(*) FROM mart.latest_metric_snapshot "
                        + "WHERE metric_name IN ('open_bookings', 'drivers_available')",
                2);
        EndToEnd.awaitAtLeast(
                rideops,
                "SELECT count(*) FROM mart.fact_metric_bucket "
                        + "WHERE metric_name = 'driver_location_updates' AND bucket_granularity = 'MINUTE'",
                1);
        assertThat(EndToEnd.searchCount(rideops)).isPositive();
    }
}
