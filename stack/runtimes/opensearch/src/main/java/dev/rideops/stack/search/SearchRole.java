package dev.rideops.stack.search;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What each user of the search node may do, decided from the request's method, path and (for the writer's
 * {@code _bulk}) the indexes its body names. The admin may do anything; the writer (the job) only touches its own
 * indexes; the reader (dashboard, verify, bench, status) only reads. Pure Java, so the rules are tested without a
 * node.
 */
public enum SearchRole {
    /** deploy's user ({@code elastic}): every request. */
    ADMIN,
    /** the job: {@code driver_locations}, the daily {@code driver_locations_timeseries-*} and their template. */
    WRITER,
    /** every reader: GET and HEAD, and POST only to search-style endpoints. */
    READER;

    static final String LATEST = "driver_locations";
    static final String TIMESERIES_TEMPLATE = "driver_locations_timeseries";
    static final String TIMESERIES_PREFIX = TIMESERIES_TEMPLATE + "-";

    /**
     * Endpoints that read (or, {@code _refresh}, make what was written visible): what a reader may POST to. Each is
     * the first {@code _}-segment of the path, so {@code /driver_locations/_search} and {@code /_search/scroll} count.
     */
    private static final Set<String> READ_ENDPOINTS = Set.of(
            "_search",
            "_msearch",
            "_count",
            "_mget",
            "_field_caps",
            "_validate",
            "_explain",
            "_termvectors",
            "_mtermvectors",
            "_rank_eval",
            "_refresh");

    /** Read by method (GET) but writing: flush forces segments to disk. */
    private static final Set<String> WRITING_GETS = Set.of("_flush");

    /** Where every role may look to see the node is up (the stack's probe, a person's curl). */
    private static final Set<String> HEALTH_PATHS = Set.of("/", "/_cluster/health");

    public static SearchRole parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Null when this role may make the request, else why not (the 403's reason).
     *
     * @param bulkIndexes the indexes a {@code _bulk} body's action lines name; only asked for the writer's bulk
     */
    public String deny(String method, String path, Supplier<List<String>> bulkIndexes) {
        String m = method.toUpperCase(Locale.ROOT);
        List<String> segments = segments(path);
        return switch (this) {
            case ADMIN -> null;
            case READER -> denyReader(m, path, segments);
            case WRITER -> denyWriter(m, path, segments, bulkIndexes);
        };
    }

    private String denyReader(String method, String path, List<String> segments) {
        String endpoint = firstEndpoint(segments);
        if ((method.equals("GET") || method.equals("HEAD")) && !WRITING_GETS.contains(endpoint)) {
            return null;
        }
        if (method.equals("POST") && READ_ENDPOINTS.contains(endpoint)) {
            return null;
        }
        return "the read-only search user may not " + method + " " + path + ": it may GET and HEAD, and POST only to "
                + String.join(", ", READ_ENDPOINTS.stream().sorted().toList());
    }

    private String denyWriter(String method, String path, List<String> segments, Supplier<List<String>> bulkIndexes) {
        if ((method.equals("GET") || method.equals("HEAD")) && HEALTH_PATHS.contains(normalized(path))) {
            return null;
        }
        String why = "the job's search user writes only " + LATEST + " and " + TIMESERIES_PREFIX + "*";
        if (segments.isEmpty()) {
            return why + ", not " + method + " " + path;
        }
        String first = segments.get(0);
        if (first.equals("_bulk")) {
            return bulkIndexes.get().stream().allMatch(SearchRole::ownIndex)
                    ? null
                    : why + ": this bulk request names other indexes (or none)";
        }
        if (first.equals("_index_template")) {
            return segments.size() == 2 && segments.get(1).equals(TIMESERIES_TEMPLATE) && !method.equals("DELETE")
                    ? null
                    : why + " and the template " + TIMESERIES_TEMPLATE + ", not " + method + " " + path;
        }
        if (first.equals("_cat") && segments.size() == 3 && segments.get(1).equals("indices") && method.equals("GET")) {
            return ownIndexes(segments.get(2)) ? null : why + ", not " + method + " " + path;
        }
        if (first.startsWith("_") || !ownIndexes(first)) {
            return why + ", not " + method + " " + path;
        }
        if (segments.size() > 1 && segments.get(1).equals("_bulk")) {
            return bulkIndexes.get().stream().allMatch(SearchRole::ownIndex)
                    ? null
                    : why + ": this bulk request names other indexes";
        }
        if (method.equals("DELETE") && segments.size() == 1 && !first.startsWith(TIMESERIES_PREFIX)) {
            // its retention deletes daily indexes; the newest positions' index is deploy's to remove
            return "the job's search user deletes only daily " + TIMESERIES_PREFIX + "* indexes, not " + first;
        }
        return null;
    }

    /** A comma-separated index expression naming only the writer's indexes (a pattern only of the daily ones). */
    static boolean ownIndexes(String expression) {
        return !expression.isEmpty()
                && List.of(expression.split(",", -1)).stream().allMatch(SearchRole::ownIndex);
    }

    static boolean ownIndex(String name) {
        if (name.equals(LATEST)) {
            return true;
        }
        // after the prefix only a day's name or a pattern of them: no exclusion, no other cluster, no date math
        return name.startsWith(TIMESERIES_PREFIX)
                && name.substring(TIMESERIES_PREFIX.length())
                        .chars()
                        .allMatch(c -> Character.isDigit(c) || c == '.' || c == '*');
    }

    private static String firstEndpoint(List<String> segments) {
        return segments.stream().filter(s -> s.startsWith("_")).findFirst().orElse("");
    }

    private static String normalized(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<String> segments(String path) {
        return List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }
}
