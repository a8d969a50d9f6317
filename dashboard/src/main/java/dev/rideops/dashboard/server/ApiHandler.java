package dev.rideops.dashboard.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rideops.dashboard.data.PanelData;
import dev.rideops.dashboard.data.PanelResult;
import dev.rideops.dashboard.data.Selection;
import dev.rideops.dashboard.panels.Cities;
import dev.rideops.dashboard.panels.Page;
import dev.rideops.dashboard.panels.Panel;
import dev.rideops.dashboard.panels.Panels;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON API the pages draw from: {@code /api/pages} (the catalogue), {@code /api/panels/ID?range=&bucket=&city=
 * &to=&driver=} (one panel's data or its empty state), {@code /api/freshness} and {@code /api/health}.
 */
final class ApiHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PANELS = "/api/panels/";
    static final String FRESHNESS_PANEL = "freshness";

    private final PanelData data;
    private final long maxFreshnessSeconds;

    ApiHandler(PanelData data, long maxFreshnessSeconds) {
        this.data = data;
        this.maxFreshnessSeconds = maxFreshnessSeconds;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.equals("/api/health")) {
                json(exchange, 200, JSON.createObjectNode().put("ok", true));
            } else if (path.equals("/api/pages")) {
                json(exchange, 200, catalogue());
            } else if (path.equals("/api/freshness")) {
                json(exchange, 200, freshness(Selection.parse(Responses.query(exchange), Instant.now())));
            } else if (path.startsWith(PANELS)) {
                Optional<Panel> panel = Panels.byId(path.substring(PANELS.length()));
                if (panel.isEmpty()) {
                    json(
                            exchange,
                            404,
                            JSON.createObjectNode()
                                    .put(
                                            "error",
                                            "no panel " + path.substring(PANELS.length()) + "; /api/pages lists them"));
                    return;
                }
                Selection selection = Selection.parse(Responses.query(exchange), Instant.now());
                ObjectNode answer = toJson(panel.get(), data.load(panel.get(), selection));
                if (panel.get().tile() != null) {
                    answer.set("tile", tileJson(panel.get(), data.tile(panel.get(), selection)));
                }
                json(exchange, 200, answer);
            } else {
                json(exchange, 404, JSON.createObjectNode().put("error", "no endpoint " + path));
            }
        } catch (RuntimeException e) {
            // One line for the page, never a stack trace: the server's log has the rest.
            System.err.println("rideops dashboard: " + path + ": " + e);
            json(exchange, 500, JSON.createObjectNode().put("error", String.valueOf(e.getMessage())));
        }
    }

    private ObjectNode catalogue() {
        ObjectNode root = JSON.createObjectNode();
        root.put("max_freshness_seconds", maxFreshnessSeconds);
        ArrayNode cities = root.putArray("cities");
        Cities.ALL.forEach(c -> cities.addObject()
                .put("code", c.code())
                .put("name", c.name())
                .put("min_lat", c.minLat())
                .put("max_lat", c.maxLat())
                .put("min_lon", c.minLon())
                .put("max_lon", c.maxLon()));
        ArrayNode pages = root.putArray("pages");
        for (Page page : Page.values()) {
            ObjectNode p = pages.addObject().put("path", page.path()).put("title", page.title());
            ArrayNode panels = p.putArray("panels");
            for (Panel panel : Panels.of(page)) {
                panels.addObject()
                        .put("id", panel.id())
                        .put("title", panel.title())
                        .put("group", panel.group().title())
                        .put("kind", panel.kind().name())
                        .put("source", panel.source().name())
                        .put("unit", panel.unit().suffix())
                        .put("ratio", panel.unit() == dev.rideops.dashboard.panels.Unit.RATIO)
                        .put("headline", panel.headline())
                        .put(
                                "tile_caption",
                                panel.tile() == null ? null : panel.tile().caption())
                        .put("per_city", perCity(panel));
            }
        }
        return root;
    }

    /** Whether the city filter narrows the panel: the mart's KPIs and the pipeline's metrics are for all cities. */
    static boolean perCity(Panel panel) {
        return panel.query().contains("$city") || panel.kind() == Panel.Kind.MAP;
    }

    /** How far behind now the current-state counts are, against {@code health.max-freshness-seconds}. */
    private ObjectNode freshness(Selection selection) {
        Panel panel = Panels.byId(FRESHNESS_PANEL).orElseThrow();
        PanelResult result = data.load(panel, selection);
        ObjectNode root = JSON.createObjectNode();
        root.put("limit_seconds", maxFreshnessSeconds);
        if (result.empty() != null
                || result.rows().isEmpty()
                || !(result.rows().get(0).get(0) instanceof Number)) {
            root.putNull("seconds_behind");
            root.put("stale", true);
            root.put("reason", result.empty() != null ? result.empty() : "the job has written no current state yet");
            return root;
        }
        double seconds = ((Number) result.rows().get(0).get(0)).doubleValue();
        root.put("seconds_behind", seconds);
        root.put("stale", seconds > maxFreshnessSeconds);
        return root;
    }

    /** A tile's figure: {@code time}, {@code value}, what it is ({@code caption}) and {@code empty}. */
    static ObjectNode tileJson(Panel panel, PanelResult result) {
        ObjectNode tile = JSON.createObjectNode();
        tile.put("caption", panel.tile().caption());
        if (result.empty() != null) {
            tile.putNull("time");
            tile.putNull("value");
            tile.put("empty", result.empty());
            return tile;
        }
        List<Object> row = result.rows().get(0);
        Object time = row.get(result.columns().indexOf("time"));
        tile.put("time", time == null ? null : time.toString());
        // Shown as it is: a rate above 1 is a finding to see, not one to cap.
        tile.put("value", ((Number) row.get(result.columns().indexOf("value"))).doubleValue());
        tile.putNull("empty");
        return tile;
    }

    static ObjectNode toJson(Panel panel, PanelResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("panel", panel.id());
        root.put("title", panel.title());
        root.put("kind", panel.kind().name());
        root.put("unit", panel.unit().suffix());
        ArrayNode columns = root.putArray("columns");
        result.columns().forEach(columns::add);
        ArrayNode rows = root.putArray("rows");
        for (List<Object> row : result.rows()) {
            ArrayNode r = rows.addArray();
            for (Object v : row) {
                if (v == null) {
                    r.addNull();
                } else if (v instanceof Number n) {
                    double d = n.doubleValue();
                    if (Double.isFinite(d)) {
                        r.add(d);
                    } else {
                        r.addNull();
                    }
                } else {
                    // Instants as ISO text, like every other time the API gives.
                    r.add(v.toString());
                }
            }
        }
        if (result.empty() == null) {
            root.putNull("empty");
        } else {
            root.put("empty", result.empty());
        }
        return root;
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        Responses.send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }
}
