package dev.rideops.clients.prometheus;

import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.prometheus.PrometheusApi.RangeSeries;
import dev.rideops.clients.prometheus.PrometheusApi.RuleAlert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts a Prometheus evaluates, over its HTTP API: those pending or firing now ({@code /api/v1/alerts}), and
 * when each fired in a past window, from the {@code ALERTS} series it records for every alert
 * ({@code /api/v1/query_range}), kept as long as its retention.
 */
public final class PrometheusAlerts {

    /** Labels every alert has, shown in their own columns rather than among the ones that tell alerts apart. */
    private static final Set<String> OWN_COLUMNS = Set.of("__name__", "alertname", "alertstate", "severity");

    /** Prometheus answers at most 11,000 points per series; fewer keep the answer small. */
    private static final int MAX_POINTS = 10_000;

    private static final Duration MIN_STEP = Duration.ofSeconds(15);

    private final RestCalls prometheus;

    public PrometheusAlerts(String url) {
        this.prometheus = new RestCalls(url, "Prometheus");
    }

    public String url() {
        return prometheus.base();
    }

    /** Alerts pending or firing now: firing first, then the longest active first. */
    public List<Alert> active() {
        List<Alert> alerts = new ArrayList<>();
        for (RuleAlert a : prometheus
                .get("/api/v1/alerts", PrometheusApi.AlertsResponse.class)
                .data()
                .alerts()) {
            alerts.add(new Alert(
                    a.labels().get("alertname"),
                    a.state(),
                    a.labels().getOrDefault("severity", ""),
                    Instant.parse(a.activeAt()),
                    annotation(a, "summary"),
                    annotation(a, "runbook"),
                    distinguishing(a.labels())));
        }
        alerts.sort(Comparator.comparing((Alert a) -> !a.firing())
                .thenComparing(Alert::activeSince)
                .thenComparing(Alert::name));
        return alerts;
    }

    /** Every stretch of time an alert fired between {@code from} and {@code to}, the oldest first. */
    public List<FiringPeriod> firingPeriods(Instant from, Instant to) {
        Duration step = step(Duration.between(from, to));
        String query = URLEncoder.encode("ALERTS{alertstate=\"firing\"}", StandardCharsets.UTF_8);
        List<RangeSeries> series = prometheus
                .get(
                        "/api/v1/query_range?query=" + query + "&start=" + from.getEpochSecond() + "&end="
                                + to.getEpochSecond() + "&step=" + step.toSeconds(),
                        PrometheusApi.RangeResponse.class)
                .data()
                .result();
        List<FiringPeriod> periods = new ArrayList<>();
        for (RangeSeries s : series) {
            periods.addAll(periods(s, step, to));
        }
        periods.sort(Comparator.comparing(FiringPeriod::from).thenComparing(FiringPeriod::name));
        return periods;
    }

    /** The query's resolution: Prometheus's evaluation interval, or coarser for a long window. */
    static Duration step(Duration window) {
        long seconds = (window.toSeconds() + MAX_POINTS - 1) / MAX_POINTS;
        return seconds <= MIN_STEP.toSeconds() ? MIN_STEP : Duration.ofSeconds(seconds);
    }

    /**
     * A series' samples as periods: the query has a sample at every step while the alert fires, so a gap of more
     * than a step ends a period.
     */
    static List<FiringPeriod> periods(RangeSeries series, Duration step, Instant end) {
        String name = series.metric().get("alertname");
        String severity = series.metric().getOrDefault("severity", "");
        Map<String, String> labels = distinguishing(series.metric());
        List<FiringPeriod> periods = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (List<Double> sample : series.values()) {
            Instant at = Instant.ofEpochMilli(Math.round(sample.get(0) * 1000));
            if (last != null && Duration.between(last, at).compareTo(step) > 0) {
                periods.add(new FiringPeriod(name, severity, labels, first, last, false));
                first = null;
            }
            if (first == null) {
                first = at;
            }
            last = at;
        }
        if (first != null) {
            boolean ongoing = Duration.between(last, end).compareTo(step) <= 0;
            periods.add(new FiringPeriod(name, severity, labels, first, last, ongoing));
        }
        return periods;
    }

    private static String annotation(RuleAlert alert, String name) {
        return alert.annotations() == null ? "" : alert.annotations().getOrDefault(name, "");
    }

    private static Map<String, String> distinguishing(Map<String, String> labels) {
        Map<String, String> result = new LinkedHashMap<>();
        labels.entrySet().stream()
                .filter(e -> !OWN_COLUMNS.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}
