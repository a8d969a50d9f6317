package dev.rideops.job.sinks;

import dev.rideops.job.kpi.LocationDoc;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;

/**
 * Writes location pings to the search node with {@code _bulk} ({@link DocBatch#body}): every ping into its day's
 * time-series index, each driver's newest position into {@code driver_locations}. Pings go when a batch is full and
 * every {@code flushMs}; newest positions are coalesced for {@code latestFlushMs}. One request is in flight at a time,
 * asynchronously, so the task goes on while the node indexes.
 *
 * <p>The search node must never take the job, and with it the mart, down:
 *
 * <ul>
 *   <li>429, 5xx, a refused login or role (401, 403) and no answer at all are retried, the whole request or just
 *       its failed items, with exponential backoff and jitter up to {@code maxBackoffMs}, for as long as the node
 *       stays down (or the login wrong); the index catches up once it is back.
 *   <li>A document the node refuses for good (400 {@code mapper_parsing_exception} and the like) goes to the
 *       dead-letter topic with the node's reason; a 409 on {@code driver_locations} is an older position that
 *       {@code external_gte} rightly refused, and is ignored.
 *   <li>The flush before a checkpoint does not wait for the node: the documents it has not acknowledged (waiting, or
 *       in the request in flight) are the writer's checkpointed state, and a restore sends them again.
 *   <li>At most {@code maxPending} pings wait per writer. When that many wait for a node that answers, the writer
 *       waits for it like any slow sink; while the node fails, a further ping goes to the dead-letter topic instead
 *       (its position still reaches {@code driver_locations}), so a long outage takes neither the job's progress
 *       nor the TaskManager's memory.
 * </ul>
 *
 * <p>So every ping is indexed or dead-lettered at least once. Replays are harmless: a ping's {@code _id} is its
 * {@code event_id}, and newest positions are versioned by event time with {@code external_gte}. Only the dead-letter
 * topic may see a duplicate.
 */
public class SearchSink implements Sink<LocationDoc>, SupportsWriterState<LocationDoc, DocBatch> {

    private static final long serialVersionUID = 1L;

    private final SearchTarget target;
    private final SearchSinkOptions options;
    private final DeadLetterTopic deadLetters;

    public SearchSink(SearchTarget target, SearchSinkOptions options, DeadLetterTopic deadLetters) {
        this.target = target;
        this.options = options;
        this.deadLetters = deadLetters;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SearchWriter createWriter(InitContext context) {
        return writer(
                context.getMailboxExecutor(), context.getProcessingTimeService(), context.metricGroup(), List.of());
    }

    @Override
    public SearchWriter restoreWriter(WriterInitContext context, Collection<DocBatch> recoveredState) {
        return writer(
                context.getMailboxExecutor(),
                context.getProcessingTimeService(),
                context.metricGroup(),
                recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<DocBatch> getWriterStateSerializer() {
        return new DocBatchSerializer();
    }

    private SearchWriter writer(
            MailboxExecutor mailbox, ProcessingTimeService time, MetricGroup metrics, Collection<DocBatch> restored) {
        return new SearchWriter(
                options,
                new RestSearchClient(target, options.timeseriesRetentionDays()),
                deadLetters.producer(),
                mailbox,
                time,
                metrics,
                restored);
    }
}
