package dev.rideops.cli.alerts;

import java.util.Map;

/**
 * One alert as Alertmanager notified it, one line of the {@link AlertLog}. The times are Alertmanager's RFC 3339
 * text; {@code endsAt} means something only when {@code status} is {@code resolved}.
 *
 * @param labels the alert's labels but its name and severity, which have their own fields
 * @param receivedAt when the exporter wrote it down
 */
public record LoggedAlert(
        String status,
        String alertname,
        String severity,
        Map<String, String> labels,
        String startsAt,
        String endsAt,
        String summary,
        String receivedAt) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
}
