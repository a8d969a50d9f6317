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
 * map for each MAP panel, a saved search for each TABLE panel, and one dashboard per page that has search panels.
 * Kibana reads only the search indexes; the KPIs are Grafana's ({@link GrafanaDashboard}).
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
            List<Panel> search = Panels.of(page).stream()
                    .filter(p -> p.source() == Panel.Source.SEARCH)
                    .toList();
            if (search.isEmpty()) {
                continue;
            }
            for (Panel p : search) {
                objects.add(p.kind() == Panel.Kind.MAP ? map(p) : savedSearch(p));
            }
            objects.add(dashboard(page, search));
        }
        return objects;
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
        ArrayNode layers = JSON.createArrayNode();
        layers.addObject()
                .put("id", "basemap")
                .put("type", "EMS_VECTOR_TILE")
                .put("label", "Base map")
                .put("visible", true)
                .<ObjectNode>set(
                        "sourceDescriptor",
                        JSON.createObjectNode().put("type", "EMS_TMS").put("isAutoSelect", true));
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
        ObjectNode attributes = map.putObject("attributes");
        attributes.put("title", "rideops " + p.title());
        attributes.put("description", "rideops panel " + p.id());
        attributes.put("layerListJSON", write(layers));
        attributes.put(
                "mapStateJSON",
                "{\"zoom\":4,\"center\":{\"lon\":106.5,\"lat\":16},\"timeFilters\":{\"from\":\"now-15m\",\"to\":\"now\"}}");
        attributes.put("uiStateJSON", "{\"isLayerTOCOpen\":true}");
        reference(map, "layer_1_source_index_pattern", p.query());
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
        attributes
                .putObject("kibanaSavedObjectMeta")
                .put(
                        "searchSourceJSON",
                        "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[],"
                                + "\"indexRefName\":\"kibanaSavedObjectMeta.searchSourceJSON.index\"}");
        reference(search, "kibanaSavedObjectMeta.searchSourceJSON.index", p.query());
        return search;
    }

    private static ObjectNode dashboard(Page page, List<Panel> panels) {
        ObjectNode dashboard = object("dashboard", "rideops-" + page.path());
        ArrayNode grid = JSON.createArrayNode();
        ArrayNode references = (ArrayNode) dashboard.get("references");
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            String index = Integer.toString(i + 1);
            ObjectNode entry = grid.addObject();
            entry.put("panelIndex", index);
            entry.put("panelRefName", "panel_" + i);
            entry.put("type", p.kind() == Panel.Kind.MAP ? "map" : "search");
            entry.putObject("embeddableConfig");
            entry.putObject("gridData")
                    .put("x", 0)
                    .put("y", i * 15)
                    .put("w", 48)
                    .put("h", 15)
                    .put("i", index);
            references
                    .addObject()
                    .put("name", "panel_" + i)
                    .put("type", p.kind() == Panel.Kind.MAP ? "map" : "search")
                    .put("id", objectId(p));
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
