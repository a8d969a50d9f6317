package dev.rideops.cli.pipeline;

import static dev.rideops.cli.pipeline.PipelineLooks.flowing;
import static dev.rideops.cli.pipeline.PipelineLooks.flowingWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.clients.LoginRefusedException;
import dev.rideops.clients.connect.ConnectorState;
import dev.rideops.stack.ServiceStatus;
import dev.rideops.stack.lifecycle.LoginRefused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static ServiceStatus service(String name, String state) {
        return new ServiceStatus(name, state, null, 1, "", null, null, null, null, null);
    }

    @Test
    void thePipelineIsHealthyOnlyWhenRunningCheckpointedAndWithinEveryLimit() {
        assertThat(flowing().problems()).isEmpty();
        assertThat(PipelineStatus.of(null, null, null, null, null, null, 50_000, 30)
                        .problems())
                .containsExactly("the job is not deployed (rideops deploy)");
        assertThat(PipelineStatus.of("j1", "RESTARTING", null, 60_000L, 400.0, 31.0, 50_000, 30)
                        .problems())
                .containsExactly(
                        "the job is RESTARTING",
                        "no checkpoint completed yet",
                        "consumer lag 60000 records > 50000",
                        "snapshot 31.0 s behind > 30 s");
        assertThat(PipelineStatus.of("j1", "RUNNING", 1L, null, null, null, 50_000, 30)
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
                Readiness.Target.PIPELINE,
                () -> rounds.size() > 1 ? rounds.remove(0) : rounds.get(0),
                () -> {
                    pipelineLooks.incrementAndGet();
                    return flowing();
                },
                ReadinessTest::resultsNeverAsked);
        List<List<String>> progress = new ArrayList<>();

        var ready = readiness.await(Duration.ofSeconds(5), Duration.ofMillis(10), l -> progress.add(l.notReady()));

        assertThat(ready).isPresent();
        assertThat(ready.get().pipeline()).isEqualTo(flowing());
        assertThat(progress).containsExactly(List.of("kafka-1 running", "connect down"));
        assertThat(pipelineLooks).hasValue(1);
    }

    @Test
    void waitingForTheStackNeverAsksThePipelineAndTimesOut() {
        Readiness readiness = new Readiness(
                Readiness.Target.STACK,
                () -> List.of(service("search", ServiceStatus.DOWN)),
                () -> {
                    throw new AssertionError("the pipeline was asked");
                },
                ReadinessTest::resultsNeverAsked);

        assertThat(readiness.await(Duration.ofMillis(50), Duration.ofMillis(10), l -> {}))
                .isEmpty();
        assertThat(readiness.look().notReady()).containsExactly("search down");
    }

    @Test
    void aServiceThatRefusesRideopssLoginEndsTheWaitAtOnceWithItsFix() {
        String refused = LoginRefused.problem("the search node refused the login of its reader 'rideops_search_reader'"
                + " (HTTP 401 from http://127.0.0.1:9200/_cluster/health): set search.reader-password");
        AtomicInteger looks = new AtomicInteger();
        Readiness readiness = new Readiness(
                Readiness.Target.STACK,
                () -> {
                    looks.incrementAndGet();
                    return List.of(
                            service("kafka-1", ServiceStatus.HEALTHY),
                            new ServiceStatus(
                                    "search", ServiceStatus.RUNNING, 7L, 9200, "", 5L, null, null, refused, null));
                },
                () -> {
                    throw new AssertionError("the pipeline was asked");
                },
                ReadinessTest::resultsNeverAsked);

        assertThatThrownBy(() -> readiness.await(Duration.ofMinutes(5), Duration.ofMillis(10), l -> {}))
                .isInstanceOf(RideopsException.class)
                .hasMessageStartingWith("search login refused: the search node refused the login of its reader")
                .hasMessageContaining("set search.reader-password");
        assertThat(looks).as("no second look: waiting cannot cure it").hasValue(1);
    }

    @Test
    void aRefusedReaderLoginEndsTheWaitForResultsInsteadOfReadingAsNoDocuments() {
        Readiness readiness = new Readiness(
                Readiness.Target.RESULTS,
                () -> List.of(service("search", ServiceStatus.HEALTHY)),
                () -> {
                    throw new AssertionError("the pipeline was asked");
                },
                () -> {
                    throw new LoginRefusedException(
                            "the search node refused GET /driver_locations/_count (HTTP 401)",
                            "check search.reader-password");
                });

        assertThatThrownBy(() -> readiness.await(Duration.ofMinutes(5), Duration.ofMillis(10), l -> {}))
                .isInstanceOf(LoginRefusedException.class);
    }

    @Test
    void aRefusedLoginReplacesTheUnknownFigureItCausedAndEndsAWaitForThePipeline() {
        String kafka = "Kafka at 127.0.0.1:9092 refused the login of user 'rideops' (SCRAM-SHA-512): unknown user or "
                + "bad password; set kafka.user and kafka.password (RIDEOPS_KAFKA_PASSWORD)";
        String connect = "Kafka Connect refused GET /connectors (HTTP 401); set connect.user and connect.password";
        PipelineStatus look = PipelineStatus.of(
                "j1",
                "RUNNING",
                3L,
                null,
                null,
                1.5,
                50_000,
                30,
                PipelineSignals.UNKNOWN,
                new java.util.LinkedHashMap<>(Map.of(
                        PipelineStatus.LAG_UNKNOWN, kafka, "dead letters", kafka, "the CDC connector", connect)));

        assertThat(look.problems())
                .as("what to fix, not 'no offsets committed yet'")
                .as("one line per refusal, in place of the unknown lag")
                .containsExactlyInAnyOrder(kafka, connect)
                .doesNotContain(PipelineStatus.LAG_UNKNOWN);
        assertThat(look.healthy()).isFalse();
        assertThat(look.refusedLogins()).containsExactlyInAnyOrder(kafka, connect);
        AtomicInteger looks = new AtomicInteger();
        Readiness readiness = new Readiness(
                Readiness.Target.PIPELINE,
                () -> List.of(service("kafka-1", ServiceStatus.HEALTHY)),
                () -> {
                    looks.incrementAndGet();
                    return look;
                },
                ReadinessTest::resultsNeverAsked);

        assertThatThrownBy(() -> readiness.await(Duration.ofMinutes(5), Duration.ofMillis(10), l -> {}))
                .isInstanceOf(RideopsException.class)
                .hasMessageContaining("refused the login of user 'rideops'")
                .hasMessageContaining("set kafka.user and kafka.password");
        assertThat(looks).hasValue(1);
        assertThat(PipelineStatus.of("j1", "RUNNING", 3L, null, null, 1.5, 50_000, 30)
                        .problems())
                .containsExactly(PipelineStatus.LAG_UNKNOWN);
    }

    private static List<String> resultsNeverAsked() {
        throw new AssertionError("the results were asked");
    }

    @Test
    void resultsAreReadyWhenEveryServiceIsHealthyAndNothingIsStaleAndTheJobIsNotAsked() {
        List<List<String>> results = new ArrayList<>(
                List.of(List.of("mart.cell_supply_demand has no rows", "no documents in driver_locations"), List.of()));
        Readiness readiness = new Readiness(
                Readiness.Target.RESULTS,
                () -> List.of(service("reporting-db", ServiceStatus.HEALTHY)),
                () -> {
                    throw new AssertionError("the pipeline was asked");
                },
                () -> results.remove(0));
        List<List<String>> progress = new ArrayList<>();

        var ready = readiness.await(Duration.ofSeconds(5), Duration.ofMillis(10), l -> progress.add(l.notReady()));

        assertThat(ready).isPresent();
        assertThat(progress)
                .containsExactly(List.of("mart.cell_supply_demand has no rows", "no documents in driver_locations"));
    }

    @Test
    void aConnectorThatDoesNotRunKeepsThePipelineFromReadyWithItsTasksError() {
        ConnectorState failed = new ConnectorState(
                "rideops-cdc", "RUNNING", "w", List.of(new ConnectorState.Task(0, "FAILED", "w", "slot is gone")));
        PipelineStatus p = flowingWith(new PipelineSignals(failed, true, 4L, 0L, List.of(), null));

        assertThat(p.healthy()).isFalse();
        assertThat(p.problems())
                .containsExactly("the CDC connector is RUNNING; task 0 FAILED: slot is gone (rideops connector status; "
                        + "rideops connector restart --failed once the cause is fixed)");
        assertThat(p.signals().deadLettersRising()).isFalse();

        // paused on purpose: nothing failed, so no restart to suggest
        ConnectorState paused = new ConnectorState(
                "rideops-cdc", "PAUSED", "w", List.of(new ConnectorState.Task(0, "PAUSED", "w", null)));
        assertThat(flowingWith(new PipelineSignals(paused, true, 4L, 0L, List.of(), null))
                        .problems())
                .containsExactly("the CDC connector is PAUSED; task 0 PAUSED (rideops connector status)");

        PipelineStatus unregistered = flowingWith(new PipelineSignals(null, false, null, null, null, null));
        assertThat(unregistered.problems()).singleElement().asString().contains("not registered");
    }

    /** Dead letters, firing alerts and a running snapshot are shown, not counted: the job goes on past them. */
    @Test
    void deadLettersAndFiringAlertsDoNotMakeThePipelineUnhealthy() {
        ConnectorState running = new ConnectorState(
                "rideops-cdc", "RUNNING", "w", List.of(new ConnectorState.Task(0, "RUNNING", "w", null)));
        PipelineStatus p = flowingWith(new PipelineSignals(
                running,
                true,
                12L,
                3L,
                List.of(new PipelineSignals.FiringAlert("RideopsDeadLetters", "warning", "2026-11-29T03:00:00Z", "x")),
                new ConnectorSnapshot(ConnectorSnapshot.RUNNING, 7, 3, 1_234_567, 130)));

        // a snapshot still running is the connector at work, not a problem
        assertThat(p.healthy()).isTrue();
        assertThat(p.signals().deadLettersRising()).isTrue();
        // status --json: what scripts read
        com.fasterxml.jackson.databind.JsonNode json =
                dev.rideops.cli.output.Json.mapper().valueToTree(p);
        assertThat(json.at("/signals/dead_letters_recent").asLong()).isEqualTo(3);
        assertThat(json.at("/signals/dead_letters_rising").asBoolean()).isTrue();
        assertThat(json.at("/signals/connector/tasks/0/state").asText()).isEqualTo("RUNNING");
        assertThat(json.at("/signals/alerts/0/name").asText()).isEqualTo("RideopsDeadLetters");
        assertThat(json.at("/signals/connector_snapshot/state").asText()).isEqualTo("running");
        assertThat(json.at("/signals/connector_snapshot/remaining_tables").asLong())
                .isEqualTo(3);
        assertThat(json.at("/signals/connector_snapshot/events_seen").asLong()).isEqualTo(1_234_567);
        assertThat(json.at("/healthy").asBoolean()).isTrue();
    }
}
