package dev.rideops.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one creator of the contract's search indexes, used by deploy and by the job's sink at start-up: the
 * {@code driver_locations_timeseries} index template for the daily indexes and the {@code driver_locations} index,
 * both with the mapping and settings from the job jar. Idempotent; an existing {@code driver_locations} and the
 * existing daily indexes get the jar's dynamic settings, its refresh interval and translog flush threshold (their other
 * settings and mapping cannot change on an open index).
 *
 * <p>The flush threshold (16 MB; OpenSearch's default is 512 MB) bounds what a node replays from its translog when it
 * starts after a crash: with the default, a node killed on the 2-core machine (at 1,000 changes/s after a 1k-5k/s
 * ramp) replayed the day's index for 2 min 40 s, red all that time; at 32 MB it replayed 14 MB (56,000 operations) in
 * 50 s under the same load. A flush every 16 MB is a Lucene commit about every 25 s at 5,000 changes/s.
 */
public final class SearchIndexes {

    public static final String LATEST = "driver_locations";
    public static final String TIMESERIES_TEMPLATE = "driver_locations_timeseries";
    /** The daily indexes' name before the date, e.g. {@code driver_locations_timeseries-2026.11.28}. */
    public static final String TIMESERIES_PREFIX = TIMESERIES_TEMPLATE + "-";
    /** The date in a daily index's name: the UTC day of the pings it holds. */
    public static final DateTimeFormatter TIMESERIES_DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two calls the creator needs, over whichever REST client the caller has. */
    public interface Api {
        boolean exists(String path) throws IOException;

        /** PUTs a JSON body; fails (with an exception saying why) unless the node accepted it. */
        void put(String path, String json) throws IOException;
    }

    private SearchIndexes() {}

    /** Returns what it did, as one line. */
    public static String ensure(Api api, JobJar resources) throws IOException {
        JsonNode mapping = resources.json(JobResources.SEARCH_MAPPING);
        JsonNode settings = resources.json(JobResources.SEARCH_SETTINGS);
        ObjectNode template = JSON.createObjectNode();
        template.putArray("index_patterns").add(TIMESERIES_PREFIX + "*");
        template.putObject("template").set("settings", settings.get(TIMESERIES_TEMPLATE));
        ((ObjectNode) template.get("template")).set("mappings", mapping);
        api.put("/_index_template/" + TIMESERIES_TEMPLATE, JSON.writeValueAsString(template));
        // the template reaches only the daily indexes created after it: the day's index takes the new settings now
        api.put(
                "/" + TIMESERIES_PREFIX + "*/_settings?allow_no_indices=true",
                dynamicSettings(settings, TIMESERIES_TEMPLATE));
        if (api.exists("/" + LATEST)) {
            api.put("/" + LATEST + "/_settings", dynamicSettings(settings, LATEST));
            return "template " + TIMESERIES_TEMPLATE + " updated; " + LATEST + " exists";
        }
        ObjectNode index = JSON.createObjectNode();
        index.set("settings", settings.get(LATEST));
        index.set("mappings", mapping);
        try {
            api.put("/" + LATEST, JSON.writeValueAsString(index));
        } catch (IOException | RuntimeException e) {
            if (!api.exists("/" + LATEST)) {
                throw e;
            }
            // created meanwhile by another writer (the job's sink and deploy can race)
        }
        return "template " + TIMESERIES_TEMPLATE + " updated; " + LATEST + " created";
    }

    /** The settings an open index takes from the jar: its refresh interval and translog flush threshold. */
    private static String dynamicSettings(JsonNode settings, String index) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode dynamic = body.putObject("index");
        dynamic.put(
                "refresh_interval",
                settings.at("/" + index + "/refresh_interval").asText());
        dynamic.putObject("translog")
                .put(
                        "flush_threshold_size",
                        settings.at("/" + index + "/translog/flush_threshold_size")
                                .asText());
        return JSON.writeValueAsString(body);
    }
}
