package dev.rideops.clients.prometheus;

import java.time.Instant;
import java.util.Map;

/**
 * An alert Prometheus evaluates now: pending (its condition holds, not yet for its rule's {@code for}) or firing.
 *
 * @param labels the labels that tell alerts of one rule apart (instance, job_name...), without alertname and
 *     severity
 */
public record Alert(
        String name,
        String state,
        String severity,
        Instant activeSince,
        String summary,
        String runbook,
        Map<String, String> labels) {

    public static final String FIRING = "firing";
    public static final String PENDING = "pending";

    public boolean firing() {
        return FIRING.equals(state);
    }
}
