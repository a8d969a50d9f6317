package dev.rideops.clients.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A stretch of time an alert fired, as Prometheus's {@code ALERTS} series recorded it.
 *
 * @param to the last time it was seen firing
 * @param ongoing whether it still fired at the end of the window asked for
 * @param labels as in {@link Alert#labels()}
 */
public record FiringPeriod(
        String name, String severity, Map<String, String> labels, Instant from, Instant to, boolean ongoing) {

    public Duration lasted() {
        return Duration.between(from, to);
    }
}
