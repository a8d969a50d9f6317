package dev.rideops.dashboard.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.clients.prometheus.PrometheusQueries;
import dev.rideops.clients.reporting.MartQueries;
import dev.rideops.dashboard.panels.Cities;
import dev.rideops.dashboard.panels.Panel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a panel's query for a selection: SQL on the mart (read-only), PromQL on Prometheus, or a search on the
 * driver indexes. A source that is down or not configured is an empty state with its reason, never an error page.
 */
public final class PanelData {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough points for a smooth line, few enough for a small answer. */
    private static final int POINTS = 240;

    private static final int MAX_POSITIONS = 10_000;
    private static final int PINGS = 50;

    private final MartQueries mart;
    private final Optional<PrometheusQueries> prometheus;
    private final RestCalls search;
    private final Optional<LocalProcesses> processes;

    /** @param prometheus empty when no Prometheus runs: its panels say so */
    public PanelData(MartQueries mart, Optional<PrometheusQueries> prometheus, RestCalls search) {
        this(mart, prometheus, search, Optional.empty());
    }

    /** @param processes the local stack's processes; empty when the dashboard watches remote services only */
    public PanelData(
            MartQueries mart,
            Optional<PrometheusQueries> prometheus,
            RestCalls search,
            Optional<LocalProcesses> processes) {
        this.mart = mart;
        this.prometheus = prometheus;
        this.search = search;
        this.processes = processes;
    }

    public PanelResult load(Panel panel, Selection selection) {
        Optional<String> problem = selection.problem();
        if (problem.isPresent()) {
            return PanelResult.empty(panel.id(), problem.get());
        }
        try {
            PanelResult result = switch (panel.source()) {
                case SQL -> sql(panel, selection);
                case PROMQL -> promql(panel, selection);
                case SEARCH -> search(panel, selection);
                case PROCESS -> processes(panel);
            };
            if (result.empty() == null && result.rows().isEmpty()) {
                // a panel without a time range reads what was written at all: nothing in it means never written
                return PanelResult.empty(
                        panel.id(),
                        !panel.query().contains("$__time")
                                ? "nothing in the mart yet"
                                : "no data in this range"
                                        + (selection.city().isEmpty() ? "" : " for " + selection.city()));
            }
            return result;
        } catch (ClientException e) {
            return PanelResult.empty(panel.id(), e.getMessage() + "; " + e.fix());
        }
    }

    /**
     * What a headline's tile shows when it has its own query ({@link Panel.Tile}): one row of {@code time} and {@code
     * value}, or an empty state with the reason (no complete bucket in the range yet, a source down).
     */
    public PanelResult tile(Panel panel, Selection selection) {
        if (panel.tile() == null) {
            throw new IllegalArgumentException(panel.id() + " has no tile of its own");
        }
        Optional<String> problem = selection.problem();
        if (problem.isPresent()) {
            return PanelResult.empty(panel.id(), problem.get());
        }
        try {
            PanelResult result = sql(panel.id(), panel.tile().query(), selection);
            int value = result.columns().indexOf("value");
            if (result.rows().isEmpty() || result.rows().get(0).get(value) == null) {
                return PanelResult.empty(panel.id(), "no complete bucket in this range yet");
            }
            return result;
        } catch (ClientException e) {
            return PanelResult.empty(panel.id(), e.getMessage() + "; " + e.fix());
        }
    }

    private PanelResult sql(Panel panel, Selection selection) {
        return sql(panel.id(), panel.query(), selection);
    }

    private PanelResult sql(String id, String query, Selection selection) {
        SqlMacros.Statement statement = SqlMacros.expand(query, selection);
        MartQueries.Rows rows = mart.select(statement.sql(), statement.parameters());
        return new PanelResult(id, rows.columns(), rows.rows(), null);
    }

    private PanelResult promql(Panel panel, Selection selection) {
        if (prometheus.isEmpty()) {
            return PanelResult.empty(
                    panel.id(),
                    "no Prometheus runs: install prometheus and run 'rideops up', or set monitoring.prometheus-url");
        }
        Duration step = Duration.between(selection.from(), selection.to()).dividedBy(POINTS);
        step = step.compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15) : step;
        List<List<Object>> rows = new ArrayList<>();
        for (PrometheusQueries.Series s :
                prometheus.get().range(panel.query(), selection.from(), selection.to(), step)) {
            String name = seriesName(s.labels());
            for (List<Double> sample : s.samples()) {
                rows.add(List.<Object>of(Instant.ofEpochMilli(Math.round(sample.get(0) * 1000)), name, sample.get(1)));
            }
        }
        return new PanelResult(panel.id(), List.of("time", "series", "value"), rows, null);
    }

    private PanelResult processes(Panel panel) {
        if (processes.isEmpty()) {
            return PanelResult.empty(panel.id(), "no local stack: the dashboard watches remote services");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (LocalProcesses.Load load : processes.get().sample()) {
            List<Object> row = new ArrayList<>();
            row.add(load.service());
            row.add(load.pid());
            row.add(load.cpuCores());
            row.add(load.rssMb());
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return PanelResult.empty(panel.id(), "no local service runs: start them with 'rideops up'");
        }
        return new PanelResult(panel.id(), List.of("service", "pid", "cpu_cores", "rss_mb"), rows, null);
    }

    /** A series' legend: its process or instance, else its metric name, else the panel's single value. */
    static String seriesName(Map<String, String> labels) {
        Map<String, String> sorted = new TreeMap<>(labels);
        for (String key : List.of("tm_id", "instance", "__name__")) {
            if (sorted.containsKey(key)) {
                return sorted.get(key);
            }
        }
        return "value";
    }

    private PanelResult search(Panel panel, Selection selection) {
        return switch (panel.kind()) {
            case MAP -> positions(panel, selection);
            case TABLE -> pings(panel, selection);
            default -> throw new IllegalStateException("no search query for a " + panel.kind() + " panel");
        };
    }

    private PanelResult positions(Panel panel, Selection selection) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", MAX_POSITIONS);
        ArrayNode source = body.putArray("_source");
        List.of("driver_id", "location", "status", "updated_at").forEach(source::add);
        ObjectNode query = body.putObject("query");
        Optional<Cities.City> city = Cities.byCode(selection.city());
        if (city.isPresent()) {
            Cities.City c = city.get();
            ObjectNode box = query.putObject("geo_bounding_box").putObject("location");
            box.putObject("top_left").put("lat", c.maxLat()).put("lon", c.minLon());
            box.putObject("bottom_right").put("lat", c.minLat()).put("lon", c.maxLon());
        } else {
            query.putObject("match_all");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode hit :
                search.post("/" + panel.query() + "/_search", body).path("hits").path("hits")) {
            JsonNode doc = hit.path("_source");
            rows.add(List.<Object>of(
                    doc.path("driver_id").asLong(),
                    doc.path("location").path("lat").asDouble(),
                    doc.path("location").path("lon").asDouble(),
                    doc.path("status").asText(),
                    doc.path("updated_at").asText()));
        }
        return new PanelResult(panel.id(), List.of("driver_id", "lat", "lon", "status", "updated_at"), rows, null);
    }

    private PanelResult pings(Panel panel, Selection selection) {
        if (selection.driver() == null) {
            return PanelResult.empty(panel.id(), "enter a driver id to see its recent pings");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("size", PINGS);
        body.putArray("sort").addObject().put("updated_at", "desc");
        body.putObject("query").putObject("term").put("driver_id", selection.driver());
        List<List<Object>> rows = new ArrayList<>();
        JsonNode answer = search.post("/" + panel.query() + "/_search?ignore_unavailable=true", body);
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode doc = hit.path("_source");
            rows.add(List.<Object>of(
                    doc.path("updated_at").asText(),
                    doc.path("location").path("lat").asDouble(),
                    doc.path("location").path("lon").asDouble(),
                    doc.path("status").asText(),
                    doc.path("speed_kmh").asDouble(),
                    doc.path("heading").asDouble()));
        }
        if (rows.isEmpty()) {
            return PanelResult.empty(panel.id(), "no pings of driver " + selection.driver() + " in the time series");
        }
        return new PanelResult(
                panel.id(), List.of("updated_at", "lat", "lon", "status", "speed_kmh", "heading"), rows, null);
    }
}
