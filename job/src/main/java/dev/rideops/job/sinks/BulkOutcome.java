package dev.rideops.job.sinks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.SearchBulk;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.elasticsearch.client.ResponseException;

/**
 * What became of a bulk request's documents, by their position in it: those to send again (the node was busy or
 * failing: 429, 5xx, no answer) with why, and those the node refused for good, each with the node's reason. The
 * rest are done, including the version conflicts (409) on {@code driver_locations}: an older position that
 * {@code external_gte} rightly refused.
 */
record BulkOutcome(List<Integer> retry, String retryReason, Cause cause, List<Rejection> rejected) {

    /** A document the node will never take, and its reason. */
    record Rejection(int position, String reason) {}

    /**
     * Why documents are sent again, as the {@code reason} label of the sink's bulk failure counter: bounded, and a
     * refused login apart from a busy or failing node, since only a setting fixes it.
     */
    enum Cause {
        /** 401 or 403: the node refused the job's search user or its role. */
        LOGIN,
        /** 429: the node shed load. */
        BUSY,
        /** 5xx. */
        FAILING,
        /** No answer, or not one that could be read. */
        UNANSWERED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Cause of(int status) {
            return status == 401 || status == 403 ? LOGIN : status == 429 ? BUSY : FAILING;
        }

        /** Why a call other than a bulk (the index setup) failed: the node's status when it answered. */
        static Cause of(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ResponseException answered) {
                    return of(answered.getResponse().getStatusLine().getStatusCode());
                }
            }
            return UNANSWERED;
        }
    }

    static final BulkOutcome DONE = new BulkOutcome(List.of(), null, null, List.of());

    /** {@link SearchBulk#FILTER_PATH}: when nothing failed, {@link #read} stops at {@code errors}, before the items. */
    static final String FILTER_PATH = SearchBulk.FILTER_PATH;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A refused login (401) or role (403) is retried too, never dead-lettered: the documents are fine and the
     * credentials fixable (a password file, a node restarted with the new password), so they wait in the backlog;
     * its own {@link Cause} makes it visible meanwhile.
     */
    static boolean retryable(int status) {
        return status == 401 || status == 403 || status == 429 || status >= 500;
    }

    /** The request got no answer (connection refused or reset, timeout): all of it again. */
    static BulkOutcome unanswered(String why, int documents) {
        return new BulkOutcome(all(documents), why, Cause.UNANSWERED, List.of());
    }

    /** The node answered the whole request with an error status. */
    static BulkOutcome failed(int status, String reason, int documents) {
        if (retryable(status)) {
            return new BulkOutcome(all(documents), reason, Cause.of(status), List.of());
        }
        return new BulkOutcome(
                List.of(),
                null,
                null,
                IntStream.range(0, documents)
                        .mapToObj(i -> new Rejection(i, reason))
                        .toList());
    }

    /** A 2xx bulk response, filtered by {@link #FILTER_PATH}, for the given request. */
    static BulkOutcome read(InputStream response, DocBatch docs) throws IOException {
        try (JsonParser p = JSON.createParser(response)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("errors") && !p.getValueAsBoolean()) {
                    return DONE;
                } else if (field.equals("items")) {
                    return items(p, docs);
                } else {
                    p.skipChildren();
                }
            }
            throw new IOException("a bulk response with errors but no items");
        }
    }

    private static BulkOutcome items(JsonParser p, DocBatch docs) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY);
        List<Integer> retry = new ArrayList<>();
        String retryReason = null;
        Cause cause = null;
        List<Rejection> rejected = new ArrayList<>();
        int position = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            expect(p, p.nextToken(), JsonToken.FIELD_NAME); // the action: index
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            int status = 0;
            JsonNode error = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("status")) {
                    status = p.getIntValue();
                } else if (field.equals("error")) {
                    error = p.readValueAsTree();
                } else {
                    p.skipChildren();
                }
            }
            expect(p, p.nextToken(), JsonToken.END_OBJECT);
            if (position >= docs.size()) {
                throw new IOException("a bulk response with more items than the " + docs.size() + " documents sent");
            }
            boolean done = error == null && status < 300;
            if (!done && !(status == 409 && docs.isLatest(position))) {
                String reason = reason(status, error);
                if (retryable(status)) {
                    retry.add(position);
                    retryReason = reason;
                    // a refused login outweighs a busy shard: only a setting fixes it
                    cause = cause == Cause.LOGIN ? cause : Cause.of(status);
                } else {
                    rejected.add(new Rejection(position, reason));
                }
            }
            position++;
        }
        if (position != docs.size()) {
            throw new IOException("a bulk response with " + position + " items for " + docs.size() + " documents");
        }
        return new BulkOutcome(retry, retryReason, cause, rejected);
    }

    /** The node's words: status, error type, index, reason, and the cause's reason, which names the bad value. */
    private static String reason(int status, JsonNode error) {
        if (error == null) {
            return "status " + status;
        }
        StringBuilder reason = new StringBuilder()
                .append(status)
                .append(' ')
                .append(error.path("type").asText())
                .append(" in ")
                .append(error.path("index").asText())
                .append(": ")
                .append(error.path("reason").asText());
        JsonNode cause = error.path("caused_by");
        if (!cause.isMissingNode()) {
            reason.append(" (caused by ")
                    .append(cause.path("type").asText())
                    .append(": ")
                    .append(cause.path("reason").asText())
                    .append(')');
        }
        return reason.toString();
    }

    private static List<Integer> all(int documents) {
        return IntStream.range(0, documents).boxed().toList();
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected bulk response: " + actual + " where " + expected + " belongs at "
                    + p.currentLocation());
        }
    }
}
