package dev.rideops.job.sinks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** The mapping of both indexes; {@code rideops deploy} reads the same file from this jar. */
    public static final String MAPPING_RESOURCE = "/search/driver_locations_mapping.json";

    private SearchIndexes() {
    }

    static String mapping() throws IOException {
        try (InputStream in = SearchIndexes.class.getResourceAsStream(MAPPING_RESOURCE)) {
            if (in == null) {
                throw new IOException("missing " + MAPPING_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static void ensure(RestClient client) throws IOException {
        String mapping = mapping();
        Request template = new Request("PUT", "/_index_template/" + TIMESERIES_TEMPLATE);
        template.setJsonEntity("{\"index_patterns\":[\"" + TIMESERIES_TEMPLATE + "-*\"],"
                + "\"template\":{\"settings\":{\"number_of_replicas\":0},\"mappings\":" + mapping + "}}");
        client.performRequest(template);
        Request exists = new Request("HEAD", "/" + LATEST);
        if (client.performRequest(exists).getStatusLine().getStatusCode() == 404) {
            Request create = new Request("PUT", "/" + LATEST);
            create.setJsonEntity("{\"settings\":{\"number_of_replicas\":0},\"mappings\":" + mapping + "}");
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
