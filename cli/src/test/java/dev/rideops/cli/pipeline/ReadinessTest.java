package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.ServiceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static ServiceStatus service(String name, String state) {
        return new ServiceStatus(name, state, null, 1, "", null, null, null, null);
    }

    private static PipelineStatus flowing() {
        return PipelineStatus.of("j1", "RUNNING", 3L, 120L, 1.5, 50_000, 30);
    }

    @Test
    void thePipelineIsHealthyOnlyWhenRunningCheckpointedAndWithinEveryLimit() {
        assertThat(flowing().problems()).isEmpty();
        assertThat(PipelineStatus.of(null, null, null, null, null, 50_000, 30).problems())
                .containsExactly("the job is not deployed (rideops deploy)");
        assertThat(PipelineStatus.of("j1", "RESTARTING", null, 60_000L, 31.0, 50_000, 30)
                        .problems())
                .containsExactly(
                        "the job is RESTARTING",
                        "no checkpoint completed yet",
                        "consumer lag 60000 records > 50000",
                        "snapshot 31.0 s behind > 30 s");
        assertThat(PipelineStatus.of("j1", "RUNNING", 1L, null, null, 50_000, 30)
                        .problems())
                .containsExactly(
                        "consumer lag unknown (no offsets committed yet)", "the snapshot is empty or unreadable");
    }

    @Test
    void thePipelineIsAskedOnlyOnceEveryServiceIsHealthy() {
        AtomicInteger pipelineLooks = new AtomicInteger();
        List<List<ServiceStatus>> rounds = new ArrayList<>(List.of(
                List.of(service("kafka-1", ServiceStatus.RUNNING), service("connect", ServiceStatus.DOWN)),
                List.of(service("kafka-1", ServiceStatus.HEALTHY), service("connect", ServiceStatus.HEALTHY))));
        Readiness readiness = new Readiness(
                Readiness.Target.PIPELINE, () -> rounds.size() > 1 ? rounds.remove(0) : rounds.get(0), () -> {
                    pipelineLooks.incrementAndGet();
                    return flowing();
                });
        List<List<String>> progress = new ArrayList<>();

        var ready = readiness.await(Duration.ofSeconds(5), Duration.ofMillis(10), l -> progress.add(l.notReady()));

        assertThat(ready).isPresent();
        assertThat(ready.get().pipeline()).isEqualTo(flowing());
        assertThat(progress).containsExactly(List.of("kafka-1 running", "connect down"));
        assertThat(pipelineLooks).hasValue(1);
    }

    @Test
    void waitingForTheStackNeverAsksThePipelineAndTimesOut() {
        Readiness readiness =
                new Readiness(Readiness.Target.STACK, () -> List.of(service("search", ServiceStatus.DOWN)), () -> {
                    throw new AssertionError("the pipeline was asked");
                });

        assertThat(readiness.await(Duration.ofMillis(50), Duration.ofMillis(10), l -> {}))
                .isEmpty();
        assertThat(readiness.look().notReady()).containsExactly("search down");
    }
}
