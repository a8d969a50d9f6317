package dev.rideops.job.sinks;

import java.io.IOException;
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

    static final String MAPPING = "{\"properties\":{"
            + "\"driver_id\":{\"type\":\"long\"},\"event_id\":{\"type\":\"long\"},"
            + "\"location\":{\"type\":\"geo_point\"},\"status\":{\"type\":\"keyword\"},"
            + "\"speed_kmh\":{\"type\":\"double\"},\"heading\":{\"type\":\"double\"},"
            + "\"updated_at\":{\"type\":\"date\"}}}";

    private SearchIndexes() {
    }

    public static void ensure(RestClient client) throws IOException {
        Request template = new Request("PUT", "/_index_template/" + TIMESERIES_TEMPLATE);
        template.setJsonEntity("{\"index_patterns\":[\"" + TIMESERIES_TEMPLATE + "-*\"],"
                + "\"template\":{\"settings\":{\"number_of_replicas\":0},\"mappings\":" + MAPPING + "}}");
        client.performRequest(template);
        Request exists = new Request("HEAD", "/" + LATEST);
        if (client.performRequest(exists).getStatusLine().getStatusCode() == 404) {
            Request create = new Request("PUT", "/" + LATEST);
            create.setJsonEntity("{\"settings\":{\"number_of_replicas\":0},\"mappings\":" + MAPPING + "}");
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
