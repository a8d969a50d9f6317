package dev.rideops.stack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
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
    static final String SETTINGS_RESOURCE = "search/index_settings.json";

    private SearchIndexSetup() {
    }

    /** Returns what it did. An existing {@code driver_locations} gets the jar's dynamic settings. */
    public static String apply(Path jobJar, RestCalls search) {
        JsonNode mapping = RestCalls.parse(resource(jobJar, MAPPING_RESOURCE));
        JsonNode settings = RestCalls.parse(resource(jobJar, SETTINGS_RESOURCE));
        search.put("/_index_template/driver_locations_timeseries", Map.of(
                "index_patterns", new String[] {"driver_locations_timeseries-*"},
                "template", Map.of("settings", settings.get("driver_locations_timeseries"), "mappings", mapping)));
        if (search.exists("/driver_locations")) {
            search.put("/driver_locations/_settings", Map.of("index", Map.of("refresh_interval",
                    settings.at("/driver_locations/refresh_interval").asText())));
            return "template driver_locations_timeseries updated; driver_locations exists";
        }
        search.put("/driver_locations", Map.of("settings", settings.get("driver_locations"), "mappings", mapping));
        return "template driver_locations_timeseries updated; driver_locations created";
    }

    private static String resource(Path jobJar, String name) {
        try (URLClassLoader jar = new URLClassLoader(new URL[] {jobJar.toUri().toURL()}, null);
             InputStream in = jar.getResourceAsStream(name)) {
            if (in == null) {
                throw new DeployException(jobJar + " has no " + name, "rebuild: ./mvnw -DskipTests package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeployException("cannot read " + jobJar + ": " + e.getMessage(), "rebuild the job jar");
        }
    }
}
