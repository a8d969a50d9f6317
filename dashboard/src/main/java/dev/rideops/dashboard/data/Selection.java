package dev.rideops.dashboard.data;

import dev.rideops.dashboard.panels.Cities;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a page asks of its panels: a time range ending at {@code to}, the bucket view, a city ({@code ""} for all)
 * and, on the Drivers page, one driver. Built from the query string; {@link #problem()} says why a selection cannot
 * show data (an unknown city, an empty range), which the page shows instead of a chart.
 */
public record Selection(Instant from, Instant to, String bucket, String city, Long driver) {

    /** The ranges the pages offer, by their query-string value. */
    static final Map<String, Duration> RANGES =
            Map.of("15m", Duration.ofMinutes(15), "1h", Duration.ofHours(1), "24h", Duration.ofHours(24));

    /**
     * @param query the request's parameters: {@code range} (15m, 1h, 24h; default 1h), {@code to} (epoch seconds or
     *     ISO instant; default now), {@code bucket} (minute, hour), {@code city}, {@code driver}
     */
    public static Selection parse(Map<String, String> query, Instant now) {
        Duration range = RANGES.getOrDefault(query.getOrDefault("range", "1h"), null);
        Instant to = parseInstant(query.get("to")).orElse(now);
        Instant from = range == null ? to : to.minus(range);
        String bucket = query.getOrDefault("bucket", "minute");
        Long driver = null;
        String d = query.getOrDefault("driver", "").trim();
        if (!d.isEmpty()) {
            try {
                driver = Long.parseLong(d);
            } catch (NumberFormatException e) {
                driver = -1L;
            }
        }
        return new Selection(from, to, bucket, query.getOrDefault("city", "").trim(), driver);
    }

    private static Optional<Instant> parseInstant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(Instant.parse(value.trim()));
            } catch (RuntimeException notAnInstant) {
                return Optional.of(Instant.EPOCH);
            }
        }
    }

    /** Why no panel can show data for this selection, or empty when it is valid. */
    public Optional<String> problem() {
        if (!from.isBefore(to)) {
            return Optional.of("the time range is empty: choose 15m, 1h or 24h");
        }
        if (to.equals(Instant.EPOCH)) {
            return Optional.of("'to' is not a time: give epoch seconds or an ISO instant");
        }
        if (!bucket.equals("minute") && !bucket.equals("hour")) {
            return Optional.of("unknown bucket '" + bucket + "': choose minute or hour");
        }
        if (!city.isEmpty() && Cities.byCode(city).isEmpty()) {
            return Optional.of("unknown city '" + city + "': choose one of "
                    + String.join(
                            ", ", Cities.ALL.stream().map(Cities.City::code).toList()) + ", or all");
        }
        if (driver != null && driver < 0) {
            return Optional.of("a driver id is a whole number");
        }
        return Optional.empty();
    }
}
