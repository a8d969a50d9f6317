package dev.rideops.job.sinks;

import java.io.Closeable;
import java.util.concurrent.CompletableFuture;

/** What the search writer asks of the search node: {@link RestSearchClient} over its REST API, a fake in tests. */
interface SearchClient extends Closeable {

    /** Creates the indexes and the index template where missing; completes on another thread. */
    CompletableFuture<Void> ensureIndexes();

    /** Sends the documents in one bulk request; completes on another thread, and never exceptionally. */
    CompletableFuture<BulkOutcome> bulk(DocBatch docs);

    /** The user the node is asked as, for messages; empty for none. */
    default String user() {
        return "";
    }

    /** Notes the day (days since the epoch, UTC) of a ping about to be indexed; a new day expires the oldest ones. */
    void sawPingOfDay(long epochDay);
}
