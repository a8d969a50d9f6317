package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.kafka.ConsumerLag;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-29T04:00:30Z");

    @Test
    void everyMartTableNeedsAResultWithinTheLimit() {
        Map<String, Instant> newest = Map.of(
                "latest_metric_snapshot", NOW.minusSeconds(5),
                "fact_metric_bucket", NOW.plusSeconds(30), // a bucket still filling ends in the future
                "cell_supply_demand", NOW.minusSeconds(95));

        assertThat(PipelineHealth.staleTables(newest, NOW, 30))
                .containsExactly("mart.cell_supply_demand newest result 95 s old > 30 s");
        assertThat(PipelineHealth.staleTables(newest, NOW, 95)).isEmpty();
        assertThat(PipelineHealth.staleTables(Map.of("fact_metric_bucket", NOW), NOW, 30))
                .containsExactly("mart.latest_metric_snapshot has no rows", "mart.cell_supply_demand has no rows");
    }

    @Test
    void theLagsAgeIsTheCommittedOnesUnlessTheJobsSourceHasMorePendingThanCommittedOffsetsSay() {
        ConsumerLag.Summary committed = new ConsumerLag.Summary(1_200, 8.5);

        assertThat(PipelineHealth.lagSeconds(committed, 300)).isEqualTo(8.5);
        assertThat(PipelineHealth.lagSeconds(committed, -1)).isEqualTo(8.5);
        // right after a rebuild from the earliest offsets the group's offsets are the previous job's: their age is
        // that of a caught-up job, so the age is unknown rather than too young
        assertThat(PipelineHealth.lagSeconds(new ConsumerLag.Summary(0, 0.0), 250_000))
                .isNull();
        assertThat(PipelineHealth.lagSeconds(new ConsumerLag.Summary(-1, null), -1))
                .isNull();
    }
}
