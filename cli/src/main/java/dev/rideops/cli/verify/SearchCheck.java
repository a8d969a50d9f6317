package dev.rideops.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.contract.SearchIndexes;
import dev.rideops.contract.TimeseriesRetention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The search index against the source pings: {@code driver_locations} holds each driver's newest ping, and the
 * daily time-series indexes hold exactly one document per ping (counted per minute, so a loss or a duplicate shows
 * in the minute it happened), on the days their retention keeps.
 */
final class SearchCheck {

    static final String LATEST = SearchIndexes.LATEST;
    static final String TIMESERIES = SearchIndexes.TIMESERIES_PREFIX + "*";
    private static final int PAGE = 5000;

    private final Connection source;
    private final RestCalls search;
    private final int timeseriesRetentionDays;
    private final HeldPings.Source held;
    private long missingDocuments;
    private long extraDocuments;
    private long sourcePings;

    /**
     * @param timeseriesRetentionDays days of daily indexes the job keeps before the newest ping's
     *     ({@code search.timeseries-retention-days})
     * @param held the pings on the dead-letter topic waiting for a replay, asked only when pings are missing
     */
    SearchCheck(Connection source, RestCalls search, int timeseriesRetentionDays, HeldPings.Source held) {
        this.source = source;
        this.search = search;
        this.timeseriesRetentionDays = timeseriesRetentionDays;
        this.held = held;
    }

    /** Documents the source has no ping for (duplicates), per ping checked. */
    double duplicationRate() {
        return sourcePings == 0 ? 0 : (double) extraDocuments / sourcePings;
    }

    /** Pings that reached the time-series indexes, per source ping. */
    double completeness() {
        return sourcePings == 0 ? 1 : (double) (sourcePings - missingDocuments) / sourcePings;
    }

    List<CheckResult> run(Instant since) throws SQLException {
        if (!search.exists("/" + LATEST)) {
            return List.of(new CheckResult(
                    "newest position per driver",
                    LATEST,
                    0,
                    1,
                    "the index does not exist: run 'rideops deploy'",
                    List.of()));
        }
        search.post("/" + LATEST + "," + TIMESERIES + "/_refresh", Map.of());
        return List.of(latestPositions(since), pingsPerMinute(since));
    }

    /** Newest pings per driver in the window; ties (two pings at the same instant) accept either. */
    private CheckResult latestPositions(Instant since) throws SQLException {
        Map<Long, Map<Long, double[]>> newest = new HashMap<>();
        String window = since == null ? "" : " WHERE recorded_at >= ?";
        try (PreparedStatement ps = source.prepareStatement("SELECT e.driver_id, e.event_id, e.lat, e.lon "
                + "FROM driver_location_events e JOIN (SELECT driver_id, max(recorded_at) AS newest "
                + "FROM driver_location_events" + window + " GROUP BY driver_id) n "
                + "ON e.driver_id = n.driver_id AND e.recorded_at = n.newest")) {
            bind(ps, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newest.computeIfAbsent(rs.getLong(1), d -> new HashMap<>())
                            .put(rs.getLong(2), new double[] {rs.getDouble(3), rs.getDouble(4)});
                }
            }
        }
        Map<Long, JsonNode> documents = latestDocuments(since);
        long mismatches = 0;
        String worst = "";
        Mismatch.First mismatched = new Mismatch.First();
        for (Map.Entry<Long, Map<Long, double[]>> driver : new TreeMap<>(newest).entrySet()) {
            JsonNode doc = documents.remove(driver.getKey());
            double[] position = doc == null
                    ? null
                    : driver.getValue().get(doc.path("event_id").asLong());
            boolean same = position != null
                    && position[0] == doc.at("/location/lat").asDouble()
                    && position[1] == doc.at("/location/lon").asDouble();
            if (!same) {
                mismatches++;
                // the pings' ids: the newest ping(s) in the source, the one the document holds
                mismatched.add(new Mismatch(
                        Mismatch.key("driver_id", driver.getKey()),
                        new TreeSet<>(driver.getValue().keySet()),
                        doc == null ? null : doc.path("event_id").asLong()));
                if (worst.isEmpty()) {
                    worst = "driver " + driver.getKey() + ": newest ping "
                            + driver.getValue().keySet()
                            + (doc == null
                                    ? ", no document"
                                    : ", document has ping "
                                            + doc.path("event_id").asText());
                }
            }
        }
        for (Long extra : new TreeSet<>(documents.keySet())) {
            mismatches++;
            mismatched.add(new Mismatch(
                    Mismatch.key("driver_id", extra),
                    null,
                    documents.get(extra).path("event_id").asLong()));
            if (worst.isEmpty()) {
                worst = "driver " + extra + ": document without a ping in the source";
            }
        }
        return new CheckResult(
                "newest position per driver",
                LATEST,
                newest.size() + documents.size(),
                mismatches,
                worst,
                mismatched.list());
    }

    private Map<Long, JsonNode> latestDocuments(Instant since) {
        Map<Long, JsonNode> documents = new HashMap<>();
        Object searchAfter = null;
        while (true) {
            Map<String, Object> body = new HashMap<>();
            body.put("size", PAGE);
            body.put("sort", List.of(Map.of("driver_id", "asc")));
            body.put("_source", List.of("driver_id", "event_id", "location"));
            body.put("query", window(since));
            if (searchAfter != null) {
                body.put("search_after", List.of(searchAfter));
            }
            JsonNode hits = search.post("/" + LATEST + "/_search", body).at("/hits/hits");
            for (JsonNode hit : hits) {
                documents.put(hit.at("/_source/driver_id").asLong(), hit.get("_source"));
            }
            if (hits.size() < PAGE) {
                return documents;
            }
            searchAfter = hits.get(hits.size() - 1).at("/sort/0").asLong();
        }
    }

    private CheckResult pingsPerMinute(Instant requested) throws SQLException {
        // days the job has deleted are not compared: their pings are gone by design
        Optional<Instant> cut = oldestKept().filter(kept -> requested == null || kept.isAfter(requested));
        Instant since = cut.orElse(requested);
        String target =
                cut.map(kept -> TIMESERIES + " (days kept: from " + kept + ")").orElse(TIMESERIES);
        Map<Instant, Long> expected = new TreeMap<>();
        try (PreparedStatement ps = source.prepareStatement("SELECT date_trunc('minute', recorded_at), count(*) "
                + "FROM driver_location_events" + (since == null ? "" : " WHERE recorded_at >= ?") + " GROUP BY 1")) {
            bind(ps, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expected.put(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2));
                }
            }
        }
        Map<String, Object> body = Map.of(
                "size",
                0,
                "track_total_hits",
                true,
                "query",
                window(since),
                "aggs",
                Map.of(
                        "minutes",
                        Map.of(
                                "date_histogram",
                                Map.of("field", "updated_at", "fixed_interval", "1m", "min_doc_count", 1))));
        Map<Instant, Long> actual = new HashMap<>();
        if (search.get("/_cat/indices/" + TIMESERIES + "?format=json").size() > 0) {
            for (JsonNode b : search.post("/" + TIMESERIES + "/_search", body).at("/aggregations/minutes/buckets")) {
                actual.put(
                        Instant.ofEpochMilli(b.path("key").asLong()),
                        b.path("doc_count").asLong());
            }
        }
        Set<Instant> minutes = new TreeSet<>(expected.keySet());
        minutes.addAll(actual.keySet());
        long mismatches = 0;
        long worstGap = 0;
        String worst = "";
        Mismatch.First mismatched = new Mismatch.First();
        Map<Instant, Long> missingPerMinute = new HashMap<>();
        for (Instant minute : minutes) {
            long pings = expected.getOrDefault(minute, 0L);
            long docs = actual.getOrDefault(minute, 0L);
            sourcePings += pings;
            missingDocuments += Math.max(0, pings - docs);
            extraDocuments += Math.max(0, docs - pings);
            if (pings > docs) {
                missingPerMinute.put(minute, pings - docs);
            }
            if (pings != docs) {
                mismatches++;
                mismatched.add(new Mismatch(new BucketKey("MINUTE", minute).asKey(), pings, docs));
                if (Math.abs(pings - docs) > worstGap) {
                    worstGap = Math.abs(pings - docs);
                    worst = "MINUTE " + minute + ": source " + pings + " pings, search " + docs + " documents ("
                            + (docs > pings ? (docs - pings) + " duplicated" : (pings - docs) + " missing") + ")";
                }
            }
        }
        if (!missingPerMinute.isEmpty()) {
            // missing but not lost: pings dead-lettered while the node failed wait there for a replay
            worst = HeldPings.explain(
                    HeldPings.held(missingPerMinute, held.perMinute()), missingDocuments, extraDocuments, worst);
        }
        return new CheckResult("one document per ping", target, minutes.size(), mismatches, worst, mismatched.list());
    }

    /** The start of the oldest day whose index the job keeps, counted from the newest ping as the job counts. */
    private Optional<Instant> oldestKept() throws SQLException {
        return Optional.ofNullable(NewestTime.of(source, "SELECT max(recorded_at) FROM driver_location_events"))
                .map(n -> TimeseriesRetention.oldestKept(
                                n.atOffset(ZoneOffset.UTC).toLocalDate(), timeseriesRetentionDays)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
    }

    /** Documents whose ping is in the window (all when {@code since} is null). */
    private static Map<String, Object> window(Instant since) {
        return since == null
                ? Map.of("match_all", Map.of())
                : Map.of("range", Map.of("updated_at", Map.of("gte", since.toString())));
    }

    private static void bind(PreparedStatement ps, Instant since) throws SQLException {
        if (since != null) {
            ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
        }
    }
}
