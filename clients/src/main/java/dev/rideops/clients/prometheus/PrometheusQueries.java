package dev.rideops.clients.prometheus;

import dev.rideops.clients.http.RestCalls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** PromQL queries: instant ({@code /api/v1/query}) for figures now, range ({@code /api/v1/query_range}) for charts. */
public final class PrometheusQueries {

    private final RestCalls prometheus;

    public PrometheusQueries(String url) {
        this.prometheus = new RestCalls(url, "Prometheus");
    }

    public String url() {
        return prometheus.base();
    }

    /** One series: its labels and its [unix seconds, value] samples. */
    public record Series(Map<String, String> labels, List<List<Double>> samples) {}

    /** One series' value now: its labels and the value. */
    public record Sample(Map<String, String> labels, double value) {}

    /** The query's series at this instant (none when nothing matches, as when their target is not scraped). */
    public List<Sample> instant(String query) {
        String path = "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return prometheus.get(path, PrometheusApi.VectorResponse.class).data().result().stream()
                .map(s -> new Sample(s.metric(), s.value().get(1)))
                .toList();
    }

    /** The query's series over [from, to] at {@code step} (at least a second). */
    public List<Series> range(String query, Instant from, Instant to, Duration step) {
        String path = "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start="
                + from.getEpochSecond() + "&end=" + to.getEpochSecond() + "&step="
                + Math.max(1, step.toSeconds());
        return prometheus.get(path, PrometheusApi.RangeResponse.class).data().result().stream()
                .map(s -> new Series(s.metric(), s.values()))
                .toList();
    }
}
