package dev.rideops.cli.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rideops.clients.connect.ConnectorState;
import dev.rideops.clients.prometheus.Alert;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code status} shows beside the job's figures: the CDC connector and its tasks as Connect reports them, the
 * dead letters on {@code rideops.dlq} (all, and those of the last {@link #RECENT_MINUTES} minutes: rising when
 * any), the alerts firing in Prometheus and the connector's snapshot as Prometheus has it. A figure that could not
 * be read is null; {@code alerts} and {@code connectorSnapshot} are null when no Prometheus answers, the latter also
 * when Prometheus has no snapshot figures (Connect not scraped).
 *
 * @param connectorRegistered false when Connect answered without the connector (not deployed)
 */
public record PipelineSignals(
        ConnectorState connector,
        boolean connectorRegistered,
        Long deadLetters,
        Long deadLettersRecent,
        List<FiringAlert> alerts,
        ConnectorSnapshot connectorSnapshot) {

    public static final int RECENT_MINUTES = 5;

    /** Nothing read: no problem can follow from it. */
    public static final PipelineSignals UNKNOWN = new PipelineSignals(null, true, null, null, null, null);

    /** A firing alert as status shows it; {@code since} is ISO-8601. */
    public record FiringAlert(String name, String severity, String since, String summary) {

        static FiringAlert of(Alert a) {
            return new FiringAlert(a.name(), a.severity(), a.activeSince().toString(), a.summary());
        }
    }

    /** Whether dead letters arrived in the last minutes; null when unknown. */
    @JsonProperty("dead_letters_rising")
    public Boolean deadLettersRising() {
        return deadLettersRecent == null ? null : deadLettersRecent > 0;
    }

    /**
     * What keeps the pipeline from flowing: the connector missing or not running (a FAILED task with its error and
     * what to run).
     * Dead letters, alerts and the snapshot are shown, not counted: the job goes on past a dead letter, an alert is
     * for people to look at ('rideops alerts' exits 1 when one fires), and a running snapshot is the connector
     * working.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!connectorRegistered) {
            problems.add("the CDC connector is not registered (rideops deploy --only connector)");
        } else if (connector != null && !connector.running()) {
            StringBuilder p = new StringBuilder("the CDC connector is " + connector.state());
            for (ConnectorState.Task t : connector.tasks()) {
                if (!"RUNNING".equals(t.state())) {
                    p.append("; task ").append(t.id()).append(' ').append(t.state());
                    if (t.error() != null) {
                        p.append(": ").append(t.error());
                    }
                }
            }
            if (connector.tasks().isEmpty()) {
                p.append(" without tasks");
            }
            // a FAILED part stays so until restarted (Connect does not retry it), once its cause is fixed
            problems.add(p.append(
                            connector.failedTasks() > 0 || "FAILED".equals(connector.state())
                                    ? " (rideops connector status; rideops connector restart --failed once the cause"
                                            + " is fixed)"
                                    : " (rideops connector status)")
                    .toString());
        }
        return problems;
    }
}
