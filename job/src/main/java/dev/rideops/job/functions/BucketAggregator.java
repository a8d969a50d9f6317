package dev.rideops.job.functions;

import dev.rideops.job.kpi.Aggregation;
import dev.rideops.job.kpi.Bucket;
import dev.rideops.job.kpi.BucketMembers;
import dev.rideops.job.kpi.BucketTotals;
import dev.rideops.job.kpi.CellRow;
import dev.rideops.job.kpi.Contribution;
import dev.rideops.job.kpi.Granularity;
import dev.rideops.job.kpi.Metric;
import dev.rideops.job.kpi.MetricRow;
import dev.rideops.job.kpi.SnapshotRow;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One bucket (granularity, start and, for the heatmap, grid cell) per key: adds contributions to its totals and, at
 * most every {@code emitEveryMs}, emits the current value of each metric that changed, ratios included. Late events
 * simply update their bucket. Once the watermark passes the bucket's end plus the allowed lateness, the members of
 * its distinct metrics are dropped (their counts stay); a distinct contribution after that counts as a late event.
 * Once it passes the bucket's end plus its granularity's retention, the bucket's state is dropped altogether (its
 * values stay in the mart): a contribution to a retired bucket cannot be added to totals the job no longer holds, so
 * it goes to {@link #RETIRED} (and from there to the dead-letter topic with its reason) instead of overwriting the
 * mart's value with a partial one.
 *
 * <p>A retraction (a deleted row, or the old values of a changed one) takes its contribution back: sums and counts
 * exactly; a distinct member leaves only with its bucket's last row for it (the bucket keeps how many rows each
 * member of a booking-based distinct metric has, in {@code extra-members}, only for members with more than one). A
 * metric a retraction leaves with no value has its mart row removed. A distinct retraction after the allowed lateness
 * cannot take its member back and counts as a late event.
 *
 * <p>Side outputs: a cell's bucket emits its whole heatmap row to {@link #CELLS} instead of metric rows, and every
 * city-wide MINUTE value also goes to {@link #LATEST} as the metric's latest value (stamped with the bucket start,
 * so the newest bucket wins in the snapshot table).
 *
 * <p>State per bucket, cheap to read and write as bytes (RocksDB) as much as on the heap: its numbers in one small
 * POJO ({@link BucketTotals}: two numbers per metric it has, the closed distinct metrics, what changed since the last
 * emission), read and written once per contribution; its distinct members in a map state, an entry per metric and
 * member ({@link MapStateMembers}), so a member is one point read; and the extra rows of booking-based members.
 * Buckets a savepoint holds in the layout before (one Kryo value) move to this one when first touched ({@link
 * KryoBucketLayout}).
 *
 * <p>Metrics, decided here as nowhere else: {@value #LATE_EVENTS} counts contributions that arrived behind the
 * watermark per granularity and kind ({@code applied}: their bucket had ended but still took them; {@code
 * after_lateness}: a distinct metric's members were already dropped; {@code retired}: the bucket was gone, the
 * contribution went to the dead letters), and {@value #KPI_EMITS} counts the rows emitted per KPI (values and
 * removals; a heatmap row as {@value #CELLS_KPI}). One event makes several contributions (one per metric and
 * granularity), so these count contributions, not events.
 */
public class BucketAggregator extends KeyedProcessFunction<String, Contribution, MetricRow> {

    public static final OutputTag<CellRow> CELLS = new OutputTag<>("cell-supply-demand") {};
    public static final OutputTag<SnapshotRow> LATEST = new OutputTag<>("latest-kpi-values") {};
    public static final OutputTag<Contribution> RETIRED = new OutputTag<>("retired-bucket-contributions") {};

    public static final String LATE_EVENTS = "rideops_late_events";
    public static final String KPI_EMITS = "rideops_kpi_emits";
    static final String CELLS_KPI = "cell_supply_demand";

    private final long emitEveryMs;
    private final long allowedLatenessMs;
    private final long minuteRetentionMs;
    private final long hourRetentionMs;

    private transient ValueState<BucketTotals> totals;
    private transient BucketMembers members;
    private transient MapState<String, Integer> extraMembers;
    private transient KryoBucketLayout kryoLayout;
    private transient Counters counters;

    public BucketAggregator(long emitEveryMs, long allowedLatenessMs, long minuteRetentionMs, long hourRetentionMs) {
        this.emitEveryMs = emitEveryMs;
        this.allowedLatenessMs = allowedLatenessMs;
        // a bucket must outlive its lateness: its distinct members are dropped then, its totals only at retirement
        this.minuteRetentionMs = Math.max(minuteRetentionMs, allowedLatenessMs);
        this.hourRetentionMs = Math.max(hourRetentionMs, allowedLatenessMs);
    }

    @Override
    public void open(Configuration parameters) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", Types.POJO(BucketTotals.class)));
        members = new MapStateMembers(getRuntimeContext().getMapState(MapStateMembers.DESCRIPTOR));
        extraMembers =
                getRuntimeContext().getMapState(new MapStateDescriptor<>("extra-members", Types.STRING, Types.INT));
        kryoLayout = new KryoBucketLayout(getRuntimeContext());
        counters = new Counters(metricGroup());
    }

    /** Where the counters register: the operator's metric group (a test reads its own). */
    MetricGroup metricGroup() {
        return getRuntimeContext().getMetricGroup();
    }

    @Override
    public void processElement(Contribution c, Context ctx, Collector<MetricRow> out) throws Exception {
        BucketTotals state = current();
        long retireAt = retireAt(c);
        long watermark = ctx.timerService().currentWatermark();
        boolean created = state == null;
        if (created) {
            if (watermark >= retireAt) {
                counters.late(c.granularity, "retired");
                ctx.output(RETIRED, c);
                return;
            }
            state = new BucketTotals();
        }
        Bucket bucket = new Bucket(state, members);
        Metric metric = Metric.byName(c.metric);
        if (metric.aggregation() == Aggregation.DISTINCT && state.closed(metric)) {
            counters.late(c.granularity, "after_lateness");
        } else if (watermark >= Granularity.valueOf(c.granularity).bucketEnd(c.bucketStart) / 1000) {
            counters.late(c.granularity, "applied");
        }
        if (c.retract ? retract(bucket, metric, c) : add(bucket, metric, c)) {
            state.markChanged(metric);
            for (Metric ratio : metric.dependentRatios()) {
                state.markChanged(ratio);
            }
            if (c.retract) {
                state.markRetracted();
            }
        } else if (metric.aggregation() == Aggregation.DISTINCT) {
            state.markChanged(Metric.LATE_EVENTS);
        }
        if (!state.emitDue) {
            state.emitDue = true;
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + emitEveryMs);
        }
        totals.update(state);
        if (created) {
            long end = Granularity.valueOf(c.granularity).bucketEnd(c.bucketStart) / 1000;
            ctx.timerService().registerEventTimeTimer(end + allowedLatenessMs);
            ctx.timerService().registerEventTimeTimer(retireAt);
        }
    }

    /** The current key's bucket, moved to this layout first if a savepoint holds it in the Kryo one; null if none. */
    private BucketTotals current() throws Exception {
        BucketTotals state = totals.value();
        if (state == null) {
            state = kryoLayout.migrate(members);
            if (state != null) {
                totals.update(state);
            }
        }
        return state;
    }

    private boolean add(Bucket bucket, Metric metric, Contribution c) throws Exception {
        boolean changed = bucket.add(metric, c.value, c.member);
        if (!changed && metric.countsMembers() && !bucket.closed(metric)) {
            // a second row for a member already counted (rare: one rider, two bookings in a bucket)
            String key = metric.metricName() + "|" + c.member;
            Integer extra = extraMembers.get(key);
            extraMembers.put(key, extra == null ? 1 : extra + 1);
        }
        return changed;
    }

    private boolean retract(Bucket bucket, Metric metric, Contribution c) throws Exception {
        if (metric.countsMembers() && !bucket.closed(metric)) {
            String key = metric.metricName() + "|" + c.member;
            Integer extra = extraMembers.get(key);
            if (extra != null) {
                if (extra == 1) {
                    extraMembers.remove(key);
                } else {
                    extraMembers.put(key, extra - 1);
                }
                return false; // the member still has another row in the bucket
            }
        }
        return bucket.retract(metric, c.value, c.member);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricRow> out) throws Exception {
        BucketTotals state = current();
        if (state == null) {
            return;
        }
        String[] key = ctx.getCurrentKey().split("\\|");
        long bucketStart = Long.parseLong(key[1]);
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            long end = Granularity.valueOf(key[0]).bucketEnd(bucketStart) / 1000;
            if (timestamp >= end + retentionMs(key[0])) {
                retire(ctx, key, bucketStart, state, out);
            } else {
                new Bucket(state, members).closeDistinct();
                totals.update(state);
                extraMembers.clear();
            }
            return;
        }
        if (emitChanged(ctx, key, bucketStart, state, out)) {
            totals.update(state);
        }
    }

    /** Emits the metrics that changed since the last emission, if one is due; returns whether it was. */
    private boolean emitChanged(
            OnTimerContext ctx, String[] key, long bucketStart, BucketTotals state, Collector<MetricRow> out) {
        if (!state.emitDue) {
            return false;
        }
        if (key.length == 3) {
            ctx.output(CELLS, CellRow.of(bucketStart, key[2], state));
            counters.emitted(CELLS_KPI);
            state.emitted();
            return true;
        }
        boolean minute = Granularity.MINUTE.name().equals(key[0]);
        boolean retracted = state.retracted();
        for (Metric metric : Metric.values()) {
            if (!state.changed(metric)) {
                continue;
            }
            String name = metric.metricName();
            Double value = state.value(metric);
            if (value != null) {
                counters.emitted(name);
                out.collect(new MetricRow(bucketStart, key[0], name, value));
                if (minute) {
                    ctx.output(LATEST, new SnapshotRow(name, value, bucketStart));
                }
            } else if (retracted) {
                counters.emitted(name);
                out.collect(MetricRow.removed(bucketStart, key[0], name));
                if (minute) {
                    ctx.output(LATEST, SnapshotRow.removed(name, bucketStart));
                }
            }
        }
        state.emitted();
        return true;
    }

    /** The bucket's final values are in the mart (pending ones are emitted now); its state goes. */
    private void retire(
            OnTimerContext ctx, String[] key, long bucketStart, BucketTotals state, Collector<MetricRow> out)
            throws Exception {
        emitChanged(ctx, key, bucketStart, state, out);
        totals.clear();
        members.clear();
        extraMembers.clear();
    }

    private long retireAt(Contribution c) {
        return Granularity.valueOf(c.granularity).bucketEnd(c.bucketStart) / 1000 + retentionMs(c.granularity);
    }

    private long retentionMs(String granularity) {
        return Granularity.MINUTE.name().equals(granularity) ? minuteRetentionMs : hourRetentionMs;
    }

    /**
     * The counters, each registered the first time it is needed: key-value groups, which the Prometheus reporter
     * turns into labels. All are bounded: granularities, three kinds, the KPI names and {@value #CELLS_KPI}.
     */
    static final class Counters {

        private final MetricGroup operator;
        private final Map<String, Counter> counters = new HashMap<>();

        Counters(MetricGroup operator) {
            this.operator = operator;
        }

        void late(String granularity, String kind) {
            counters.computeIfAbsent(
                            "late\n" + granularity + "\n" + kind,
                            k -> operator.addGroup("granularity", granularity)
                                    .addGroup("kind", kind)
                                    .counter(LATE_EVENTS))
                    .inc();
        }

        void emitted(String kpi) {
            counters.computeIfAbsent(
                            "kpi\n" + kpi, k -> operator.addGroup("kpi", kpi).counter(KPI_EMITS))
                    .inc();
        }
    }
}
