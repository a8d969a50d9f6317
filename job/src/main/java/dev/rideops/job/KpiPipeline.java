package dev.rideops.job;

import dev.rideops.contract.JobContract;
import dev.rideops.job.cdc.BookingRow;
import dev.rideops.job.cdc.Decoded;
import dev.rideops.job.cdc.PaymentRow;
import dev.rideops.job.cdc.RatingRow;
import dev.rideops.job.cdc.SourceEvent;
import dev.rideops.job.functions.BookingMilestones;
import dev.rideops.job.functions.BucketAggregator;
import dev.rideops.job.functions.CountDeadLetters;
import dev.rideops.job.functions.DecodeFunction;
import dev.rideops.job.functions.DriverStatusTracker;
import dev.rideops.job.functions.FactChanges;
import dev.rideops.job.functions.LocationDedup;
import dev.rideops.job.functions.LocationEnricher;
import dev.rideops.job.functions.RetiredBucket;
import dev.rideops.job.functions.RouteByTable;
import dev.rideops.job.functions.SearchDocumentCheck;
import dev.rideops.job.functions.SnapshotAggregator;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.FactKpis;
import dev.rideops.job.kpi.LocationDoc;
import dev.rideops.job.kpi.MetricRow;
import dev.rideops.job.kpi.SnapshotDelta;
import dev.rideops.job.kpi.SnapshotMinute;
import dev.rideops.job.kpi.SnapshotRow;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's graph: CDC records in; bucket metrics, current-state metrics, driver locations for search and dead
 * letters out. Sources and sinks
 * are given, so tests run the same graph against their own Kafka and PostgreSQL, and KPI logic stays in
 * {@code dev.rideops.job.kpi}.
 */
public final class KpiPipeline {

    private final Source<Decoded, ?, ?> source;
    private final PipelineSinks sinks;
    private final JobSettings.Timing settings;
    private final JobSettings.Retention retention;

    public KpiPipeline(
            Source<Decoded, ?, ?> source,
            PipelineSinks sinks,
            JobSettings.Timing settings,
            JobSettings.Retention retention) {
        this.source = source;
        this.sinks = sinks;
        this.settings = settings;
        this.retention = retention;
    }

    /**
     * Event time per Kafka partition, inside the source: the watermark is the minimum over the partitions that have
     * data, so a backlog read faster on one topic cannot close another topic's buckets early. A partition without
     * records for {@code idleness} stops holding the others back; alignment pauses a partition that runs more than
     * {@code maxDrift} ahead of the slowest, which keeps a backlog's topics in step (and its state small).
     */
    private WatermarkStrategy<Decoded> watermarks() {
        return WatermarkStrategy.<Decoded>forBoundedOutOfOrderness(Duration.ofMillis(settings.outOfOrdernessMs()))
                .withTimestampAssigner((d, previous) -> d.timestampMillis())
                .withIdleness(Duration.ofMillis(settings.idlenessMs()))
                .withWatermarkAlignment(
                        JobContract.SOURCE_NAME, Duration.ofMillis(settings.maxDriftMs()), Duration.ofSeconds(1));
    }

    /**
     * Key groups, fixed: a savepoint's keyed state can only be restored at a parallelism up to the max parallelism it
     * was taken with, and Flink's default (128 for any parallelism up to 85) would otherwise change with the
     * parallelism of the first deploy. 128 is that default, so savepoints taken before it was set still restore.
     */
    public static final int MAX_PARALLELISM = 128;

    /**
     * Builds the graph. Every operator is exact at any parallelism, and none is pinned to one task: each keyed
     * operator's state covers whole keys, and every sink receives each of its table rows (or search documents) from
     * one subtask only, so two subtasks never write the same row (docs/ARCHITECTURE.md, "The job").
     */
    public void build(StreamExecutionEnvironment env) {
        env.setMaxParallelism(MAX_PARALLELISM);
        // A chained operator gets the record itself instead of a deep copy (Flink copies field by field, by
        // reflection, on every chained edge otherwise: up to four copies per ping, issue #16). Safe because no
        // operator changes a record after emitting it or keeps an input it was handed on a chained edge to change it
        // later: every record is built fresh where it is emitted (the sinks buffer them, so this matters), and the
        // one mutation after creation, FactChanges' and BookingMilestones' retracted(), happens before its emit and
        // goes over a keyed exchange, serialized at once. Keep it that way.
        env.getConfig().enableObjectReuse();
        SingleOutputStreamOperator<SourceEvent> decoded = env.fromSource(source, watermarks(), JobContract.SOURCE_NAME)
                .uid("cdc-source")
                .process(new DecodeFunction())
                .name("decode-debezium")
                .uid("decode-debezium");

        SingleOutputStreamOperator<BookingRow> bookings =
                decoded.process(new RouteByTable()).name("route-by-table").uid("route-by-table");

        SingleOutputStreamOperator<Contribution> bookingKpis = bookings.keyBy(b -> b.bookingId)
                .process(new BookingMilestones(retention.dedupHorizonMs()))
                .name("booking-milestones")
                .uid("booking-milestones");
        DataStream<Contribution> locationKpis = bookings.getSideOutput(RouteByTable.LOCATIONS)
                .keyBy(l -> l.driverId)
                .process(new LocationDedup(retention.dedupHorizonMs()))
                .name("location-kpis")
                .uid("location-kpis");
        SingleOutputStreamOperator<Contribution> paymentKpis = bookings.getSideOutput(RouteByTable.PAYMENTS)
                .keyBy(p -> p.paymentId)
                .process(new FactChanges<>(
                        FactKpis.PAYMENT, TypeInformation.of(PaymentRow.class), "payments", retention.dedupHorizonMs()))
                .name("payment-kpis")
                .uid("payment-kpis");
        SingleOutputStreamOperator<Contribution> ratingKpis = bookings.getSideOutput(RouteByTable.RATINGS)
                .keyBy(r -> r.bookingId)
                .process(new FactChanges<>(
                        FactKpis.RATING, TypeInformation.of(RatingRow.class), "ratings", retention.dedupHorizonMs()))
                .name("rating-kpis")
                .uid("rating-kpis");

        SingleOutputStreamOperator<MetricRow> buckets = bookingKpis
                .union(locationKpis, paymentKpis, ratingKpis)
                .keyBy(Contribution::bucketKey)
                .process(new BucketAggregator(
                        settings.emitEveryMs(),
                        settings.allowedLatenessMs(),
                        retention.minuteRetentionMs(),
                        retention.hourRetentionMs()))
                .name("bucket-metrics")
                .uid("bucket-metrics");
        buckets.sinkTo(sinks.facts()).name("mart-fact-metric-bucket").uid("fact-sink");
        buckets.getSideOutput(BucketAggregator.CELLS)
                .sinkTo(sinks.cells())
                .name("mart-cell-supply-demand")
                .uid("cell-sink");

        SingleOutputStreamOperator<LocationDoc> searchDocuments = bookings.getSideOutput(RouteByTable.LOCATIONS)
                .keyBy(l -> l.driverId)
                .connect(bookings.getSideOutput(RouteByTable.DRIVERS).keyBy(d -> d.driverId))
                .process(new LocationEnricher(retention.dedupHorizonMs()))
                .name("location-documents")
                .uid("location-documents")
                .process(new SearchDocumentCheck())
                .name("search-document-check")
                .uid("search-document-check");
        searchDocuments.sinkTo(sinks.search()).name("search-driver-locations").uid("search-sink");

        decoded.getSideOutput(DecodeFunction.DEAD_LETTERS)
                .union(
                        buckets.getSideOutput(BucketAggregator.RETIRED)
                                .map(RetiredBucket::deadLetter)
                                .name("retired-bucket-letters")
                                .uid("retired-bucket-letters"),
                        searchDocuments.getSideOutput(SearchDocumentCheck.DEAD_LETTERS),
                        paymentKpis.getSideOutput(FactChanges.UNTRACKED),
                        ratingKpis.getSideOutput(FactChanges.UNTRACKED))
                .map(new CountDeadLetters())
                .name("dead-letter-reasons")
                .uid("dead-letter-reasons")
                .sinkTo(sinks.deadLetters())
                .name("dead-letter-topic")
                .uid("dead-letter-sink");

        DataStream<SnapshotDelta> driverDeltas = bookings.getSideOutput(RouteByTable.DRIVERS)
                .keyBy(d -> d.driverId)
                .process(new DriverStatusTracker())
                .name("driver-status")
                .uid("driver-status");
        SingleOutputStreamOperator<SnapshotRow> currentState = bookingKpis
                .getSideOutput(BookingMilestones.SNAPSHOT)
                .union(driverDeltas)
                .keyBy(d -> d.metric)
                .process(new SnapshotAggregator(settings.emitEveryMs()))
                .name("snapshot-metrics")
                .uid("snapshot-metrics");
        // The same counts per minute, so drivers by status can be drawn over time (the snapshot keeps only now).
        currentState
                .map(SnapshotMinute::of)
                .name("snapshot-minutes")
                .uid("snapshot-minutes")
                .sinkTo(sinks.snapshotMinutes())
                .name("mart-snapshot-metric-minute")
                .uid("snapshot-minute-sink");
        // Keyed by metric on the way in: a KPI's latest value comes from the bucket-metrics subtask of each minute,
        // and from any of them at parallelism > 1. Two sink subtasks upserting one metric's row would race (the
        // table's newest-bucket guard keeps the value right, but their transactions lock the shared rows in any
        // order and deadlock); keyed, each metric's row has one writer, which also coalesces its minutes in a batch.
        currentState
                .union(buckets.getSideOutput(BucketAggregator.LATEST))
                .keyBy(r -> r.metric)
                .sinkTo(sinks.snapshots())
                .name("mart-latest-metric-snapshot")
                .uid("snapshot-sink");
    }
}
