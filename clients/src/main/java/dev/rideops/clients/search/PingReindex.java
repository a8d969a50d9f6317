package dev.rideops.clients.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.contract.PingDocument;
import dev.rideops.contract.SearchBulk;
import dev.rideops.contract.SearchIndexes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Indexes pings again, as the job's search sink would have ({@link SearchBulk}): each into its day's time-series
 * index under its {@code event_id}, and each driver's newest of them into {@code driver_locations} with its event
 * time as the {@code external_gte} version. So sending the same pings twice changes nothing, and a position older
 * than the one the index holds is refused (409) instead of overwriting it.
 */
public final class PingReindex {

    /**
     * What the node did with one request.
     *
     * @param newerKept drivers whose {@code driver_locations} document was already newer (the 409s): nothing to do
     * @param refused the node's reasons for the documents it refused for good (a mapping error, not its health)
     */
    public record Outcome(int pings, int newerKept, List<String> refused) {}

    private final RestCalls search;

    /** @param search the node as a user that may write the ping indexes (the job's writer) */
    public PingReindex(RestCalls search) {
        this.search = search;
    }

    /**
     * Sends the pings in one {@code _bulk} request. A node that fails (or sheds load, or refuses the login) for any of
     * them is a {@link ClientException}: those documents are not written, and sending them all again is harmless.
     */
    public Outcome send(List<PingDocument> pings) {
        if (pings.isEmpty()) {
            return new Outcome(0, 0, List.of());
        }
        List<PingDocument> latest = newestPerDriver(pings);
        JsonNode answer = search.postNdjson("/_bulk?filter_path=" + SearchBulk.FILTER_PATH, body(pings, latest));
        if (!answer.path("errors").asBoolean(false)) {
            return new Outcome(pings.size(), 0, List.of());
        }
        int newerKept = 0;
        List<String> refused = new ArrayList<>();
        JsonNode items = answer.path("items");
        for (int i = 0; i < items.size(); i++) {
            // each item is {"<action>": {"status", "error"}}, in the order of the body
            JsonNode item = items.get(i).elements().next();
            int status = item.path("status").asInt();
            if (status < 300) {
                continue;
            }
            boolean isLatest = i >= pings.size();
            PingDocument doc = isLatest ? latest.get(i - pings.size()) : pings.get(i);
            if (status == 409 && isLatest) {
                newerKept++;
            } else if (status == 429 || status >= 500) {
                throw new ClientException(
                        "the search node did not index ping " + doc.eventId() + " (" + reason(status, item) + ")",
                        "wait until 'rideops status' shows the search node healthy, then run the replay again: it "
                                + "resumes after the last batch it finished");
            } else {
                refused.add("ping " + doc.eventId() + (isLatest ? " in " + SearchIndexes.LATEST : "") + ": "
                        + reason(status, item));
            }
        }
        return new Outcome(pings.size(), newerKept, List.copyOf(refused));
    }

    /** The request: every ping into its day's index, then the newest ping of each driver among them. */
    public static String body(List<PingDocument> pings, List<PingDocument> latest) {
        StringBuilder body = new StringBuilder(512 * pings.size());
        for (PingDocument p : pings) {
            String dayIndex = SearchBulk.timeseriesIndex(SearchBulk.day(p.recordedAtMicros()));
            SearchBulk.indexPing(body, dayIndex, p.eventId()).append(p.json()).append('\n');
        }
        for (PingDocument p : latest) {
            SearchBulk.indexLatest(body, p.driverId(), p.recordedAtMicros())
                    .append(p.json())
                    .append('\n');
        }
        return body.toString();
    }

    /** Only a driver's newest position is worth a write to {@code driver_locations} (ties: the later in the list). */
    public static List<PingDocument> newestPerDriver(List<PingDocument> pings) {
        Map<Long, PingDocument> newest = new LinkedHashMap<>();
        for (PingDocument p : pings) {
            newest.merge(p.driverId(), p, (a, b) -> b.recordedAtMicros() >= a.recordedAtMicros() ? b : a);
        }
        return List.copyOf(newest.values());
    }

    private static String reason(int status, JsonNode item) {
        JsonNode error = item.path("error");
        return "status " + status
                + (error.isMissingNode()
                        ? ""
                        : " " + error.path("type").asText() + ": "
                                + error.path("reason").asText());
    }
}
