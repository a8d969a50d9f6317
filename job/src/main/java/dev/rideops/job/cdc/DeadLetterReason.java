package dev.rideops.job.cdc;

/**
 * A dead letter's reason as a short, bounded name for metric labels: the reason text names values (a bucket, a
 * row key, a latitude) and would make a new series per record. Each name stands for one place that dead-letters.
 */
public final class DeadLetterReason {

    public static final String NOT_JSON = "not_json";
    public static final String NOT_DEBEZIUM = "not_debezium";
    public static final String BAD_OPERATION = "bad_operation";
    public static final String UNKNOWN_TABLE = "unknown_table";
    public static final String BAD_ROW = "bad_row";
    public static final String FUTURE_EVENT_TIME = "future_event_time";
    public static final String NOT_INDEXED = "not_indexed";
    public static final String RETIRED_BUCKET = "retired_bucket";
    public static final String UNTRACKED_CHANGE = "untracked_change";
    public static final String OTHER = "other";

    /** The topic label of letters that come from no CDC topic (contributions to retired buckets). */
    public static final String BUCKET_TOPIC = "bucket-metrics";

    private DeadLetterReason() {}

    /** The reason's name, from the texts the job's dead-letter producers write (tested against each of them). */
    public static String of(DeadLetter letter) {
        String reason = letter.reason == null ? "" : letter.reason;
        if (BUCKET_TOPIC.equals(letter.topic)) {
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
        if (reason.startsWith("not indexed")) {
            return NOT_INDEXED;
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
}
