package dev.rideops.clients.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    /** Flink 1.20's /jobs/:id/checkpoints, cut down: newest first in the history, as Flink lists it. */
    private static final String STATS = """
            {"counts": {"restored": 0, "total": 9, "in_progress": 1, "completed": 7, "failed": 1},
             "latest": {"completed": {"id": 8, "status": "COMPLETED", "is_savepoint": false,
                                      "trigger_timestamp": 8000, "latest_ack_timestamp": 8400,
                                      "end_to_end_duration": 400, "state_size": 1024},
                        "savepoint": null, "failed": null, "restored": null},
             "history": [
               {"id": 9, "status": "IN_PROGRESS", "is_savepoint": false, "trigger_timestamp": 9000,
                "latest_ack_timestamp": -1},
               {"id": 7, "status": "COMPLETED", "is_savepoint": true, "trigger_timestamp": 7000,
                "latest_ack_timestamp": 7300},
               {"id": 6, "status": "FAILED", "is_savepoint": false, "trigger_timestamp": 6000,
                "latest_ack_timestamp": 6900},
               {"id": 5, "status": "COMPLETED", "is_savepoint": false, "trigger_timestamp": 5000,
                "latest_ack_timestamp": 5200}
             ]}
            """;

    @Test
    void theCompletedCheckpointsAreTheHistorysAndTheNewestWithoutSavepointsOrFailures() {
        FlinkRest.CheckpointStats stats = Json.convert(Json.parse(STATS), FlinkRest.CheckpointStats.class);

        // the newest (8) had already left the history here; the savepoint (7) is the job's, not a checkpoint
        assertThat(FlinkJob.completed(stats))
                .containsExactly(new Checkpoint(5, 5000, 5200), new Checkpoint(8, 8000, 8400));
    }

    @Test
    void theFirstCheckpointSinceAMomentIsTheFirstTriggeredThenNotTheFirstAcknowledged() {
        List<Checkpoint> completed = List.of(
                new Checkpoint(3, 1_000, 12_500), new Checkpoint(4, 13_000, 13_200), new Checkpoint(5, 15_000, 15_100));

        // checkpoint 3 was acknowledged after the fault at 10 s, but its barriers set out before it
        assertThat(Checkpoint.firstTriggeredSince(completed, 10_000)).contains(new Checkpoint(4, 13_000, 13_200));
        assertThat(Checkpoint.firstTriggeredSince(completed, 13_000)).contains(new Checkpoint(4, 13_000, 13_200));
        assertThat(Checkpoint.firstTriggeredSince(completed, 15_001)).isEmpty();
    }
}
