package dev.rideops.job.sinks;

import dev.rideops.contract.DeadLetterReason;
import dev.rideops.job.kpi.LocationDoc;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.function.ThrowingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search sink's writer. Everything runs on the task's mailbox thread: writes, timers, and the node's answers,
 * which come back as mails; so the backlog needs no locking. At most one request is in flight or one retry is
 * waiting: requests stay in order and a failing node gets one request per backoff, however fast pings arrive. The
 * task thread never waits for the node, so a slow or dead node delays only the search documents.
 */
final class SearchWriter implements StatefulSinkWriter<LocationDoc, DocBatch> {

    private static final Logger LOG = LoggerFactory.getLogger(SearchWriter.class);
    /** A node that only shed load (429) usually takes the request again this soon. */
    private static final long FIRST_BACKOFF_MS = 200;

    static final String BULK_MS = "rideops_search_bulk_ms";
    /** Requests that failed and will be sent again, by {@link BulkOutcome.Cause} in the {@code reason} label. */
    static final String BULK_FAILURES = "rideops_search_bulk_failures";

    private final SearchSinkOptions options;
    private final SearchClient client;
    private final DeadLetterProducer deadLetters;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService time;
    private final Backoff backoff;
    private final Backlog backlog;
    private final Counter retries;
    private final Counter rejected;
    private final Counter overflowed;
    private final Map<BulkOutcome.Cause, Counter> failures = new EnumMap<>(BulkOutcome.Cause.class);
    private final RefusedLoginLog refusedLogins = new RefusedLoginLog(RefusedLoginLog.EVERY_MS);
    /** Documents not yet acknowledged, for the gauge the metrics reporter reads from its own thread. */
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private volatile long pending;
    /** The last bulk request's round trip (its flush to the node), for the gauge; -1 before the first answer. */
    private volatile long lastBulkMs = -1;

    private long bulkSentAt;

    private DocBatch inFlight = DocBatch.EMPTY;
    /** A request (index setup or bulk) is in flight, or a retry is waiting for its time. */
    private boolean busy;

    private boolean indexesReady;
    private int failedTries;
    private long latestSentAt;

    SearchWriter(
            SearchSinkOptions options,
            SearchClient client,
            DeadLetterProducer deadLetters,
            MailboxExecutor mailbox,
            ProcessingTimeService time,
            MetricGroup metrics,
            Collection<DocBatch> restored) {
        this.options = options;
        this.client = client;
        this.deadLetters = deadLetters;
        this.mailbox = mailbox;
        this.time = time;
        this.backoff = new Backoff(
                Math.min(FIRST_BACKOFF_MS, options.maxBackoffMs()), options.maxBackoffMs(), new SplittableRandom());
        this.backlog = new Backlog(options.maxPending());
        restored.forEach(backlog::putBack);
        this.retries = metrics.counter("rideops_search_retries");
        this.rejected = metrics.counter("rideops_search_rejected");
        this.overflowed = metrics.counter("rideops_search_overflowed");
        for (BulkOutcome.Cause cause : BulkOutcome.Cause.values()) {
            // each series exists from the start, at 0, so an alert's increase() sees the first failure
            failures.put(cause, metrics.addGroup("reason", cause.label()).counter(BULK_FAILURES));
        }
        metrics.gauge("rideops_search_pending", () -> pending);
        metrics.gauge(BULK_MS, () -> lastBulkMs);
        this.latestSentAt = time.getCurrentProcessingTime();
        PeriodicFlush.every(time, options.flushMs(), now -> sendDue());
    }

    @Override
    public void write(LocationDoc doc, Context context) throws IOException, InterruptedException {
        // a node that answers, however slowly, is waited for as any sink would be; only a failing one must not hold
        // the job (and the mart) up, so then a ping that finds the backlog full goes to the dead letters
        while (backlog.pings() >= options.maxPending() && failedTries == 0) {
            send(false);
            mailbox.yield();
        }
        client.sawPingOfDay(Math.floorDiv(doc.recordedAt, MICROS_PER_DAY));
        if (!backlog.add(doc)) {
            overflowed.inc();
            // held, not lost: 'rideops dead-letters replay --search' indexes it once the node is back
            deadLetters.send(doc.deadLetter(DeadLetterReason.searchMaxPending(options.maxPending())));
        }
        if (backlog.pings() >= options.maxBatch()) {
            send(false);
        }
    }

    /**
     * Before a checkpoint nothing waits for the node: what it has not acknowledged is in the checkpoint instead
     * ({@link #snapshotState}). Only at the end of a bounded input does it wait until every document is indexed.
     * Dead letters are flushed either way: their documents are no longer in the backlog.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        while (endOfInput && (busy || backlog.hasWork(true))) {
            send(true);
            mailbox.yield();
        }
        deadLetters.flush();
    }

    /** The backlog and the request in flight: a restore sends them again, harmless as every write is idempotent. */
    @Override
    public List<DocBatch> snapshotState(long checkpointId) {
        return List.of(backlog.snapshot(inFlight));
    }

    private void sendDue() {
        send(time.getCurrentProcessingTime() - latestSentAt >= options.latestFlushMs());
        pending = backlog.size() + inFlight.size();
    }

    private void send(boolean withLatest) {
        if (busy || !backlog.hasWork(withLatest)) {
            return;
        }
        busy = true;
        if (!indexesReady) {
            client.ensureIndexes().whenComplete((ok, failure) -> answer(() -> indexesSetUp(failure)));
            return;
        }
        if (withLatest) {
            latestSentAt = time.getCurrentProcessingTime();
        }
        DocBatch docs = backlog.take(options.maxBatch(), withLatest);
        inFlight = docs;
        bulkSentAt = time.getCurrentProcessingTime();
        client.bulk(docs)
                .whenComplete((outcome, failure) -> answer(() -> answered(
                        docs,
                        outcome != null ? outcome : BulkOutcome.unanswered(String.valueOf(failure), docs.size()))));
    }

    private void answer(ThrowingRunnable<IOException> mail) {
        mailbox.execute(mail, "search node answer");
    }

    private void indexesSetUp(Throwable failure) {
        busy = false;
        if (failure != null) {
            retryLater(BulkOutcome.Cause.of(failure), "could not create the search indexes: " + failure);
            return;
        }
        indexesReady = true;
        failedTries = 0;
        sendDue();
    }

    private void answered(DocBatch docs, BulkOutcome outcome) throws IOException {
        busy = false;
        lastBulkMs = time.getCurrentProcessingTime() - bulkSentAt;
        inFlight = DocBatch.EMPTY;
        for (BulkOutcome.Rejection r : outcome.rejected()) {
            rejected.inc();
            deadLetters.send(docs.doc(r.position()).deadLetter(DeadLetterReason.searchRejected(r.reason())));
        }
        if (outcome.retry().isEmpty()) {
            if (failedTries > 0) {
                LOG.info(
                        "search node indexing again after {} failed tries, {} documents waiting",
                        failedTries,
                        backlog.size());
            }
            failedTries = 0;
            // catching up after an outage: the next full batch goes at once
            if (backlog.pings() >= options.maxBatch()) {
                send(false);
            }
        } else {
            backlog.putBack(docs, outcome.retry());
            retryLater(
                    outcome.cause(),
                    outcome.retry().size() + " of " + docs.size() + " documents not indexed: " + outcome.retryReason());
        }
        pending = backlog.size() + inFlight.size();
    }

    private void retryLater(BulkOutcome.Cause cause, String why) {
        failedTries++;
        retries.inc();
        failures.get(cause == null ? BulkOutcome.Cause.FAILING : cause).inc();
        long delayMs = backoff.delayMs(failedTries);
        if (cause == BulkOutcome.Cause.LOGIN) {
            logRefusedLogin(why, delayMs);
        } else {
            LOG.warn("{}; retry {} in {} ms, {} documents waiting", why, failedTries, delayMs, backlog.size());
        }
        busy = true;
        time.registerTimer(time.getCurrentProcessingTime() + delayMs, now -> {
            busy = false;
            sendDue();
        });
    }

    /** Not the documents' fault, so none is dead-lettered; but it lasts until a password is fixed, so it is loud. */
    private void logRefusedLogin(String why, long delayMs) {
        refusedLogins
                .line(time.getCurrentProcessingTime(), client.user(), why, failedTries, delayMs, backlog.size())
                .ifPresent(LOG::error);
    }

    @Override
    public void close() throws IOException {
        client.close();
        deadLetters.close();
    }
}
