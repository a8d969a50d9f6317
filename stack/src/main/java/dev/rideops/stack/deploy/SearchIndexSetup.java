package dev.rideops.stack.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creates the contract's search indexes over the Elasticsearch REST API with the mapping shipped in the job jar:
 * the {@code driver_locations_timeseries} index template and the {@code driver_locations} index. Idempotent.
 */
public final class SearchIndexSetup {

    static final String MAPPING_RESOURCE = "search/driver_locations_mapping.json";

    private SearchIndexSetup() {
    }

    /** Returns what it did. */
    public static String apply(Path jobJar, String searchUrl) {
        String mapping = mapping(jobJar);
        RestCalls search = new RestCalls(searchUrl, "the search node");
        search.put("/_index_template/driver_locations_timeseries", Map.of(
                "index_patterns", new String[] {"driver_locations_timeseries-*"},
                "template", Map.of("settings", Map.of("number_of_replicas", 0), "mappings", RestCalls.parse(mapping))));
        if (search.exists("/driver_locations")) {
            return "template driver_locations_timeseries updated; driver_locations exists";
        }
        search.put("/driver_locations", Map.of("settings", Map.of("number_of_replicas", 0),
                "mappings", RestCalls.parse(mapping)));
        return "template driver_locations_timeseries updated; driver_locations created";
    }

    private static String mapping(Path jobJar) {
        try (URLClassLoader jar = new URLClassLoader(new URL[] {jobJar.toUri().toURL()}, null);
             InputStream in = jar.getResourceAsStream(MAPPING_RESOURCE)) {
            if (in == null) {
                throw new DeployException(jobJar + " has no " + MAPPING_RESOURCE, "rebuild: ./mvnw -DskipTests package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeployException("cannot read " + jobJar + ": " + e.getMessage(), "rebuild the job jar");
        }
    }
}
