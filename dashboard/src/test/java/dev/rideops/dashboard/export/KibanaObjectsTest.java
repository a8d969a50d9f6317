package dev.rideops.dashboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
