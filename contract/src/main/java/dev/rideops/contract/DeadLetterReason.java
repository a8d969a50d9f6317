package dev.rideops.contract;

import java.util.Set;

/**
 * A dead letter's reason as a short, bounded name: for the job's metric labels (the reason text names values, a
 * bucket, a row key, a latitude, and would make a new series per record) and for {@code rideops dead-letters}, which
 * counts and replays by it. Each name stands for one place that dead-letters; the texts it reads are written by the
 * job, and the one the CLI replays by is built here ({@link #searchMaxPending}) so the two cannot drift.
 */
public final class DeadLetterReason {

    public static final String NOT_JSON = "not_json";
    public static final String NOT_DEBEZIUM = "not_debezium";
    public static final String BAD_OPERATION = "bad_operation";
    public static final String UNKNOWN_TABLE = "unknown_table";
    public static final String BAD_ROW = "bad_row";
    public static final String FUTURE_EVENT_TIME = "future_event_time";
    /** A search document the index cannot take (a position off the globe, a speed that is not a number). */
    public static final String NOT_INDEXED = "not_indexed";
    /** A ping held back while the search node failed and {@code search-max-pending} pings already waited. */
    public static final String SEARCH_MAX_PENDING = "search_max_pending";
    /** A search document the node refused for good (its mapping, not its health). */
    public static final String SEARCH_REJECTED = "search_rejected";

    public static final String RETIRED_BUCKET = "retired_bucket";
    public static final String UNTRACKED_CHANGE = "untracked_change";
    public static final String OTHER = "other";

    /** The topic label of letters that come from no CDC topic (contributions to retired buckets). */
    public static final String BUCKET_TOPIC = "bucket-metrics";

    /** What a dead letter holds, by its reason's name: what a user can do with it differs. */
    public static final String KIND_CDC_RECORD = "cdc record";

    public static final String KIND_SEARCH_DOCUMENT = "search document";
    public static final String KIND_BUCKET_CONTRIBUTION = "bucket contribution";

    private static final String SEARCH_NODE_FAILING = "not indexed: the search node is failing";
    private static final String SEARCH_REFUSED = "rejected by the search node:";
    private static final Set<String> SEARCH_DOCUMENTS = Set.of(NOT_INDEXED, SEARCH_MAX_PENDING, SEARCH_REJECTED);

    private DeadLetterReason() {}

    /** The reason of a ping the search sink could not keep waiting: the node failed and this many already waited. */
    public static String searchMaxPending(int maxPending) {
        return SEARCH_NODE_FAILING + " and " + maxPending + " pings were already waiting for it (search-max-pending)";
    }

    /** The reason of a document the search node refused for good, with the node's words. */
    public static String searchRejected(String nodeReason) {
        return SEARCH_REFUSED + " " + nodeReason;
    }

    /** The reason's name, from the texts the job's dead-letter producers write (tested against each of them). */
    public static String of(String topic, String reasonText) {
        String reason = reasonText == null ? "" : reasonText;
        if (BUCKET_TOPIC.equals(topic)) {
            return RETIRED_BUCKET;
        }
        if (reason.startsWith("not JSON") || reason.startsWith("unreadable")) {
            return NOT_JSON;
        }
        if (reason.startsWith("not a Debezium")) {
            return NOT_DEBEZIUM;
        }
        if (reason.startsWith("unknown op") || reason.startsWith("op '")) {
            return BAD_OPERATION;
        }
        if (reason.startsWith("unknown table")) {
            return UNKNOWN_TABLE;
        }
        if (reason.startsWith("event time ") && reason.endsWith("in the future")) {
            return FUTURE_EVENT_TIME;
        }
        if (reason.startsWith(SEARCH_NODE_FAILING)) {
            return SEARCH_MAX_PENDING;
        }
        if (reason.startsWith("not indexed")) {
            return NOT_INDEXED;
        }
        if (reason.startsWith(SEARCH_REFUSED)) {
            return SEARCH_REJECTED;
        }
        if (reason.contains("changed after the job forgot it")) {
            return UNTRACKED_CHANGE;
        }
        // "<table>: <what>" and "<table> delete: <what>" from the decoder's row mapping
        if (reason.matches("(?s)[a-z_]+( delete)?: .*")) {
            return BAD_ROW;
        }
        return OTHER;
    }

    /** What a letter of this reason holds: a CDC record, a ping's search document or a bucket contribution. */
    public static String kind(String name) {
        if (SEARCH_DOCUMENTS.contains(name)) {
            return KIND_SEARCH_DOCUMENT;
        }
        return RETIRED_BUCKET.equals(name) ? KIND_BUCKET_CONTRIBUTION : KIND_CDC_RECORD;
    }

    /**
     * Whether sending the letter's search document again can succeed once the node is back: only a ping held back
     * for a failing node. The others would be refused again (their document is bad, or the node's mapping says no).
     */
    public static boolean replayableToSearch(String name) {
        return SEARCH_MAX_PENDING.equals(name);
    }
}
