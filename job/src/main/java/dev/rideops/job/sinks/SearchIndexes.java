package dev.rideops.job.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The contract's search indexes: {@code driver_locations} (one document per driver) and the daily
 * {@code driver_locations_timeseries-YYYY.MM.DD} indexes from an index template. Creating them is idempotent.
 */
public final class SearchIndexes {

    public static final String LATEST = "driver_locations";
    public static final String TIMESERIES_TEMPLATE = "driver_locations_timeseries";

    /**
     * The mapping of both indexes and the settings of each (the time series refreshes less often: nobody searches it
     * live, and refreshes cost the node more than indexing); {@code rideops deploy} reads the same files.
     */
    public static final String MAPPING_RESOURCE = "/search/driver_locations_mapping.json";
    public static final String SETTINGS_RESOURCE = "/search/index_settings.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchIndexes() {
    }

    static JsonNode resource(String name) throws IOException {
        try (InputStream in = SearchIndexes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing " + name);
            }
            return JSON.readTree(in);
        }
    }

    public static void ensure(RestClient client) throws IOException {
        JsonNode mapping = resource(MAPPING_RESOURCE);
        JsonNode settings = resource(SETTINGS_RESOURCE);
        Request template = new Request("PUT", "/_index_template/" + TIMESERIES_TEMPLATE);
        template.setJsonEntity(JSON.writeValueAsString(Map.of("index_patterns", List.of(TIMESERIES_TEMPLATE + "-*"),
                "template", Map.of("settings", settings.get(TIMESERIES_TEMPLATE), "mappings", mapping))));
        client.performRequest(template);
        Request exists = new Request("HEAD", "/" + LATEST);
        if (client.performRequest(exists).getStatusLine().getStatusCode() == 404) {
            Request create = new Request("PUT", "/" + LATEST);
            create.setJsonEntity(JSON.writeValueAsString(Map.of("settings", settings.get(LATEST),
                    "mappings", mapping)));
            try {
                client.performRequest(create);
            } catch (ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() != 400) {
                    throw e;
                }
                // created meanwhile by another writer
            }
        }
    }
}
