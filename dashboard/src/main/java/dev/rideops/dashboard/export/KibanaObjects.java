package dev.rideops.dashboard.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rideops.contract.SearchIndexes;
import dev.rideops.dashboard.panels.Page;
import dev.rideops.dashboard.panels.Panel;
import dev.rideops.dashboard.panels.Panels;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kibana saved objects ({@code .ndjson}, one object a line, as Kibana's import takes them), generated from the
 * catalogue's search panels: the data views {@code driver_locations} and {@code driver_locations_timeseries-*}, a
 * map for each MAP panel, a saved search for each TABLE panel, each page's question answered from the search indexes
 * ({@link SearchView}), and one dashboard per page: Overview, Supply and demand, Drivers, Infrastructure. Kibana reads
 * only the search indexes; the KPIs, the requests and the pipeline's metrics are Grafana's ({@link GrafanaDashboard}).
 */
public final class KibanaObjects {

    /** The index patterns the job writes; the only ones these objects may name. */
    public static final List<String> INDEX_PATTERNS =
            List.of(SearchIndexes.LATEST, SearchIndexes.TIMESERIES_PREFIX + "*");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIME_FIELD = "updated_at";

    private KibanaObjects() {}

    /** The text {@code rideops dashboard export --kibana} writes. */
    public static String ndjson() {
        StringBuilder out = new StringBuilder();
        for (ObjectNode object : objects()) {
            out.append(object.toString()).append('\n');
        }
        return out.toString();
    }

    static List<ObjectNode> objects() {
        List<ObjectNode> objects = new ArrayList<>();
        for (String pattern : INDEX_PATTERNS) {
            ObjectNode view = object("index-pattern", dataViewId(pattern));
            view.putObject("attributes").put("title", pattern).put("timeFieldName", TIME_FIELD);
            objects.add(view);
        }
        for (Page page : Page.values()) {
            List<ObjectNode> embedded = new ArrayList<>();
            for (Panel p : Panels.of(page)) {
                if (p.source() == Panel.Source.SEARCH) {
                    embedded.add(p.kind() == Panel.Kind.MAP ? map(p) : savedSearch(p));
                }
            }
            for (SearchView v : SearchView.of(page)) {
                embedded.add(v.grid() ? gridMap(v) : visualization(v));
            }
            if (embedded.isEmpty()) {
                continue;
            }
            objects.addAll(embedded);
            objects.add(dashboard(page, embedded));
        }
        return objects;
    }

    /**
     * What a page asks, answered from the search indexes for Kibana, which reads nothing else: the KPIs, the heatmap
     * of requests and the pipeline's metrics are Grafana's. Each is an aggregation over the pings (the time series) or
     * the drivers' newest positions.
     *
     * @param metric {@code count}, or {@code cardinality} / {@code max} of {@link #field}
     * @param splitByStatus one line per driver status
     * @param grid a map of the pings counted per grid tile instead of a chart
     */
    record SearchView(
            String id,
            Page page,
            String title,
            String pattern,
            String type,
            String metric,
            String field,
            boolean splitByStatus,
            boolean grid) {

        static final String TIMESERIES = SearchIndexes.TIMESERIES_PREFIX + "*";

        static final List<SearchView> ALL = List.of(
                new SearchView(
                        "drivers-by-status-now",
                        Page.OVERVIEW,
                        "Drivers by status now (newest position of each)",
                        SearchIndexes.LATEST,
                        "pie",
                        "count",
                        null,
                        true,
                        false),
                new SearchView(
                        "drivers-pinging",
                        Page.OVERVIEW,
                        "Drivers pinging per minute",
                        TIMESERIES,
                        "line",
                        "cardinality",
                        "driver_id",
                        false,
                        false),
                new SearchView(
                        "pings-per-minute",
                        Page.OVERVIEW,
                        "Location updates per minute",
                        TIMESERIES,
                        "line",
                        "count",
                        null,
                        false,
                        false),
                new SearchView(
                        "supply-grid",
                        Page.SUPPLY_DEMAND,
                        "Supply: pings per grid tile",
                        TIMESERIES,
                        "map",
                        "count",
                        null,
                        false,
                        true),
                new SearchView(
                        "supply-by-status",
                        Page.SUPPLY_DEMAND,
                        "Drivers pinging per minute, by status (available is the supply)",
                        TIMESERIES,
                        "line",
                        "cardinality",
                        "driver_id",
                        true,
                        false),
                new SearchView(
                        "drivers-status-over-time",
                        Page.DRIVERS,
                        "Drivers pinging per minute, by status",
                        TIMESERIES,
                        "line",
                        "cardinality",
                        "driver_id",
                        true,
                        false),
                new SearchView(
                        "newest-ping",
                        Page.INFRASTRUCTURE,
                        "Newest ping indexed (search sink freshness)",
                        SearchIndexes.LATEST,
                        "metric",
                        "max",
                        TIME_FIELD,
                        false,
                        false),
                new SearchView(
                        "pings-indexed",
                        Page.INFRASTRUCTURE,
                        "Pings indexed per minute (search sink throughput)",
                        TIMESERIES,
                        "line",
                        "count",
                        null,
                        false,
                        false),
                new SearchView(
                        "mean-speed",
                        Page.INFRASTRUCTURE,
                        "Mean speed of the pings per minute (a flat line at 0 is a stuck generator)",
                        TIMESERIES,
                        "line",
                        "avg",
                        "speed_kmh",
                        false,
                        false));

        static List<SearchView> of(Page page) {
            return ALL.stream().filter(v -> v.page() == page).toList();
        }

        String objectId() {
            return "rideops-" + id;
        }
    }

    static String dataViewId(String pattern) {
        return "rideops-" + pattern.replace("*", "all").replace('_', '-');
    }

    static String objectId(Panel p) {
        return "rideops-" + p.id().replace('_', '-');
    }

    private static ObjectNode object(String type, String id) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("id", id);
        node.putArray("references");
        return node;
    }

    private static ObjectNode map(Panel p) {
        ObjectNode map = object("map", objectId(p));
        ArrayNode layers = baseMap();
        ObjectNode drivers = layers.addObject();
        drivers.put("id", "drivers")
                .put("type", "GEOJSON_VECTOR")
                .put("label", p.title())
                .put("visible", true);
        drivers.putObject("sourceDescriptor")
                .put("type", "ES_SEARCH")
                .put("geoField", "location")
                .put("scalingType", "LIMIT")
                .put("indexPatternRefName", "layer_1_source_index_pattern");
        // Coloured by status, as the built-in Drivers page draws them.
        drivers.putObject("style")
                .put("type", "VECTOR")
                .putObject("properties")
                .putObject("fillColor")
                .put("type", "DYNAMIC")
                .putObject("options")
                .put("type", "CATEGORICAL")
                .putObject("field")
                .put("name", "status")
                .put("origin", "source");
        mapAttributes(map, p.title(), "rideops panel " + p.id(), layers, p.query());
        return map;
    }

    private static ObjectNode savedSearch(Panel p) {
        ObjectNode search = object("search", objectId(p));
        ObjectNode attributes = search.putObject("attributes");
        attributes.put("title", "rideops " + p.title());
        attributes.put("description", "rideops panel " + p.id() + "; filter on driver_id");
        ArrayNode columns = attributes.putArray("columns");
        for (String c : List.of("driver_id", "status", "speed_kmh", "heading", "location")) {
            columns.add(c);
        }
        attributes.putArray("sort").addArray().add(TIME_FIELD).add("desc");
        searchSource(search, attributes, p.query());
        return search;
    }

    /** An aggregation-based visualization of a {@link SearchView}: a date histogram per minute, or one figure. */
    private static ObjectNode visualization(SearchView v) {
        ObjectNode vis = object("visualization", v.objectId());
        ObjectNode state = JSON.createObjectNode();
        state.put("title", "rideops " + v.title());
        state.put("type", v.type());
        ArrayNode aggs = state.putArray("aggs");
        ObjectNode metric = aggs.addObject()
                .put("id", "1")
                .put("enabled", true)
                .put("type", v.metric())
                .put("schema", "metric");
        ObjectNode metricParams = metric.putObject("params");
        if (v.field() != null) {
            metricParams.put("field", v.field());
        }
        if (v.type().equals("line")) {
            aggs.addObject()
                    .put("id", "2")
                    .put("enabled", true)
                    .put("type", "date_histogram")
                    .put("schema", "segment")
                    .putObject("params")
                    .put("field", TIME_FIELD)
                    .put("fixed_interval", "1m")
                    .put("min_doc_count", 1)
                    .putObject("extended_bounds");
        }
        if (v.splitByStatus()) {
            aggs.addObject()
                    .put("id", "3")
                    .put("enabled", true)
                    .put("type", "terms")
                    .put("schema", v.type().equals("pie") ? "segment" : "group")
                    .putObject("params")
                    .put("field", "status")
                    .put("size", 5)
                    .put("order", "desc")
                    .put("orderBy", "1");
        }
        ObjectNode params = state.putObject("params");
        switch (v.type()) {
            case "line" ->
                params.put("type", "line")
                        .put("addTooltip", true)
                        .put("addLegend", true)
                        .put("legendPosition", "right")
                        .put("addTimeMarker", false);
            case "pie" ->
                params.put("type", "pie")
                        .put("addTooltip", true)
                        .put("addLegend", true)
                        .put("legendPosition", "right")
                        .put("isDonut", true);
            default -> params.put("addTooltip", true).put("addLegend", false).put("type", "metric");
        }
        ObjectNode attributes = vis.putObject("attributes");
        attributes.put("title", "rideops " + v.title());
        attributes.put("description", "rideops " + v.page().title() + ": " + v.title());
        attributes.put("visState", write(state));
        attributes.put("uiStateJSON", "{}");
        attributes.put("version", 1);
        searchSource(vis, attributes, v.pattern());
        return vis;
    }

    /** A map of a {@link SearchView}'s pings counted per grid tile: where drivers are, as a heatmap. */
    private static ObjectNode gridMap(SearchView v) {
        ObjectNode map = object("map", v.objectId());
        ArrayNode layers = baseMap();
        ObjectNode grid = layers.addObject();
        grid.put("id", "grid").put("type", "HEATMAP").put("label", v.title()).put("visible", true);
        grid.putObject("sourceDescriptor")
                .put("type", "ES_GEO_GRID")
                .put("geoField", "location")
                .put("requestType", "heatmap")
                .put("resolution", "FINE")
                .put("indexPatternRefName", "layer_1_source_index_pattern");
        grid.putObject("style")
                .put("type", "HEATMAP")
                .putObject("colorRampName")
                .put("name", "theclassic");
        mapAttributes(map, v.title(), "rideops " + v.page().title() + ": " + v.title(), layers, v.pattern());
        return map;
    }

    /** A map's first layer: the base map tiles its own layers draw over. */
    private static ArrayNode baseMap() {
        ArrayNode layers = JSON.createArrayNode();
        layers.addObject()
                .put("id", "basemap")
                .put("type", "EMS_VECTOR_TILE")
                .put("label", "Base map")
                .put("visible", true)
                .<ObjectNode>set(
                        "sourceDescriptor",
                        JSON.createObjectNode().put("type", "EMS_TMS").put("isAutoSelect", true));
        return layers;
    }

    /** A map's attributes: its layers over Vietnam, the last 15 minutes, its data layer on the index pattern. */
    private static void mapAttributes(
            ObjectNode map, String title, String description, ArrayNode layers, String pattern) {
        ObjectNode attributes = map.putObject("attributes");
        attributes.put("title", "rideops " + title);
        attributes.put("description", description);
        attributes.put("layerListJSON", write(layers));
        attributes.put(
                "mapStateJSON",
                "{\"zoom\":4,\"center\":{\"lon\":106.5,\"lat\":16},\"timeFilters\":{\"from\":\"now-15m\",\"to\":\"now\"}}");
        attributes.put("uiStateJSON", "{\"isLayerTOCOpen\":true}");
        reference(map, "layer_1_source_index_pattern", pattern);
    }

    private static ObjectNode dashboard(Page page, List<ObjectNode> embedded) {
        ObjectNode dashboard = object("dashboard", "rideops-" + page.path());
        ArrayNode grid = JSON.createArrayNode();
        ArrayNode references = (ArrayNode) dashboard.get("references");
        for (int i = 0; i < embedded.size(); i++) {
            ObjectNode e = embedded.get(i);
            String type = e.path("type").asText();
            String index = Integer.toString(i + 1);
            ObjectNode entry = grid.addObject();
            entry.put("panelIndex", index);
            entry.put("panelRefName", "panel_" + i);
            entry.put("type", type);
            entry.putObject("embeddableConfig");
            // two columns of charts; maps and saved searches full width
            boolean wide = !type.equals("visualization");
            entry.putObject("gridData")
                    .put("x", wide || i % 2 == 0 ? 0 : 24)
                    .put("y", i * 15)
                    .put("w", wide ? 48 : 24)
                    .put("h", 15)
                    .put("i", index);
            references
                    .addObject()
                    .put("name", "panel_" + i)
                    .put("type", type)
                    .put("id", e.path("id").asText());
        }
        ObjectNode attributes = dashboard.putObject("attributes");
        attributes.put("title", "rideops " + page.title());
        attributes.put("description", "Generated by 'rideops dashboard export' from rideops's panel catalogue");
        attributes.put("panelsJSON", write(grid));
        attributes.put("optionsJSON", "{\"useMargins\":true,\"hidePanelTitles\":false}");
        attributes.put("timeRestore", false);
        attributes
                .putObject("kibanaSavedObjectMeta")
                .put("searchSourceJSON", "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}");
        return dashboard;
    }

    /** A saved search's or visualization's source: every document of the index pattern, referenced by name. */
    private static void searchSource(ObjectNode object, ObjectNode attributes, String pattern) {
        attributes
                .putObject("kibanaSavedObjectMeta")
                .put(
                        "searchSourceJSON",
                        "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[],"
                                + "\"indexRefName\":\"kibanaSavedObjectMeta.searchSourceJSON.index\"}");
        reference(object, "kibanaSavedObjectMeta.searchSourceJSON.index", pattern);
    }

    private static void reference(ObjectNode object, String name, String pattern) {
        ((ArrayNode) object.get("references"))
                .addObject()
                .put("name", name)
                .put("type", "index-pattern")
                .put("id", dataViewId(pattern));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
