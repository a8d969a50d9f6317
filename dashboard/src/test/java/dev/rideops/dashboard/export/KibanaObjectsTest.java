package dev.rideops.dashboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.JobResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KibanaObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineParsesAndNamesOnlyTheJobsIndexPatterns() throws Exception {
        String ndjson = KibanaObjects.ndjson();
        assertThat(ndjson).endsWith("\n");
        Map<String, String> typeById = new HashMap<>();
        List<JsonNode> objects = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            JsonNode object = JSON.readTree(line);
            objects.add(object);
            typeById.put(object.path("id").asText(), object.path("type").asText());
            if (object.path("type").asText().equals("index-pattern")) {
                patterns.add(object.path("attributes").path("title").asText());
            }
        }
        assertThat(patterns).containsExactlyInAnyOrder("driver_locations", "driver_locations_timeseries-*");
        assertThat(typeById.values()).contains("map", "search", "dashboard");
        for (JsonNode object : objects) {
            for (JsonNode ref : object.path("references")) {
                assertThat(typeById.get(ref.path("id").asText()))
                        .as("%s references %s", object.path("id").asText(), ref)
                        .isEqualTo(ref.path("type").asText());
            }
            // Kibana keeps these as JSON inside strings: each must parse too.
            JsonNode attributes = object.path("attributes");
            for (String field : List.of("panelsJSON", "layerListJSON", "mapStateJSON", "optionsJSON")) {
                if (attributes.has(field)) {
                    JSON.readTree(attributes.path(field).asText());
                }
            }
            JsonNode meta = attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON");
            if (!meta.isMissingNode()) {
                JSON.readTree(meta.asText());
            }
        }
    }

    /** The four dashboards, each with what it embeds present in the same file. */
    @Test
    void overviewSupplyDemandDriversAndInfrastructureEachHaveADashboard() throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        for (String line : KibanaObjects.ndjson().split("\n")) {
            JsonNode object = JSON.readTree(line);
            byId.put(object.path("id").asText(), object);
        }
        for (String page : List.of("overview", "supply-demand", "drivers", "infrastructure")) {
            JsonNode dashboard = byId.get("rideops-" + page);
            assertThat(dashboard).as(page).isNotNull();
            assertThat(dashboard.path("type").asText()).isEqualTo("dashboard");
            JsonNode panels = JSON.readTree(
                    dashboard.path("attributes").path("panelsJSON").asText());
            assertThat(panels.size()).as(page).isGreaterThanOrEqualTo(2);
            assertThat(dashboard.path("references").size()).isEqualTo(panels.size());
            for (JsonNode panel : panels) {
                String ref = panel.path("panelRefName").asText();
                JsonNode reference = null;
                for (JsonNode r : dashboard.path("references")) {
                    if (r.path("name").asText().equals(ref)) {
                        reference = r;
                    }
                }
                assertThat(reference).as(page + " " + ref).isNotNull();
                assertThat(panel.path("type").asText())
                        .isEqualTo(reference.path("type").asText());
            }
        }
        assertThat(byId.get("rideops-supply-grid")
                        .path("attributes")
                        .path("layerListJSON")
                        .asText())
                .contains("ES_GEO_GRID");
        // every visualization's state parses, and aggregates only fields of the job's mapping that keep doc values
        // (the mapping drops them, and the index, from fields nothing reads but from _source)
        JsonNode mapping = JSON.readTree(Path.of("../job/src/main/resources", JobResources.SEARCH_MAPPING)
                        .toFile())
                .path("properties");
        for (JsonNode object : byId.values()) {
            if (!object.path("type").asText().equals("visualization")) {
                continue;
            }
            JsonNode state =
                    JSON.readTree(object.path("attributes").path("visState").asText());
            for (JsonNode agg : state.path("aggs")) {
                String field = agg.path("params").path("field").asText("");
                if (!field.isEmpty()) {
                    assertThat(mapping.has(field))
                            .as(object.path("id").asText() + " " + field)
                            .isTrue();
                    assertThat(mapping.path(field).path("doc_values").asBoolean(true))
                            .as(object.path("id").asText() + " aggregates " + field)
                            .isTrue();
                }
            }
        }
    }
}
