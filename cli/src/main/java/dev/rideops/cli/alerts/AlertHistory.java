package dev.rideops.cli.alerts;

import dev.rideops.clients.prometheus.FiringPeriod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each alert fired, from the {@link AlertLog}: an alert is one firing period per {@code startsAt}, Alertmanager's
 * repeats of it adding nothing, ended by its {@code resolved} line ({@code endsAt}).
 */
public final class AlertHistory {

    private AlertHistory() {}

    /** The periods that overlap {@code from}..{@code to}, the oldest first; one still firing lasts until {@code to}. */
    public static List<FiringPeriod> periods(List<LoggedAlert> log, Instant from, Instant to) {
        Map<String, Period> byStart = new LinkedHashMap<>();
        for (LoggedAlert a : log) {
            Instant startsAt = instant(a.startsAt());
            if (startsAt == null) {
                continue;
            }
            Period p = byStart.computeIfAbsent(identity(a) + "@" + startsAt, k -> new Period(a, startsAt));
            Instant seen = instant(a.receivedAt());
            if (seen != null && (p.lastSeen == null || seen.isAfter(p.lastSeen))) {
                p.lastSeen = seen;
            }
            if (LoggedAlert.RESOLVED.equals(a.status())) {
                p.endedAt = instant(a.endsAt());
            }
        }
        List<FiringPeriod> periods = new ArrayList<>();
        for (Period p : byStart.values()) {
            Instant end = p.endedAt != null ? p.endedAt : lostResolution(p, byStart.values());
            boolean ongoing = end == null;
            Instant until = ongoing ? to : end;
            if (until.isBefore(from) || p.from.isAfter(to)) {
                continue;
            }
            periods.add(new FiringPeriod(
                    p.alert.alertname(), p.alert.severity(), p.alert.labels(), p.from, until, ongoing));
        }
        periods.sort(Comparator.comparing(FiringPeriod::from).thenComparing(FiringPeriod::name));
        return periods;
    }

    /**
     * An unresolved period followed by a newer one of the same alert missed its resolution (the exporter was down
     * when it was sent): it ended by the time the next began, and was last known firing when last notified.
     */
    private static Instant lostResolution(Period p, Iterable<Period> all) {
        for (Period other : all) {
            if (other.identity.equals(p.identity) && other.from.isAfter(p.from)) {
                return p.lastSeen != null && p.lastSeen.isBefore(other.from) ? p.lastSeen : other.from;
            }
        }
        return null;
    }

    private static String identity(LoggedAlert a) {
        return a.alertname() + a.labels();
    }

    private static Instant instant(String text) {
        try {
            return text == null || text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final class Period {
        final LoggedAlert alert;
        final String identity;
        final Instant from;
        Instant lastSeen;
        Instant endedAt;

        Period(LoggedAlert alert, Instant from) {
            this.alert = alert;
            this.identity = identity(alert);
            this.from = from;
        }
    }
}
