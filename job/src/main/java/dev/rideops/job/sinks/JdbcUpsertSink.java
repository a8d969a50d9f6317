package dev.rideops.job.sinks;

import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Upserts rows into PostgreSQL in JDBC batches ({@code reWriteBatchedInserts}). Rows for the same key within a
 * batch are coalesced to the one that {@link Supersedes} the others (by default the last to arrive). Batches go out when full, every {@code flushEveryMs}, and before every
 * checkpoint; as every statement is an idempotent upsert of the current value, replaying from a checkpoint
 * writes the same rows again, so the effect is exactly once.
 *
 * @param <T> the row type
 */
public class JdbcUpsertSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /** Sets a row's values on the upsert statement. */
    public interface Binder<T> extends Serializable {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** The primary key of a row, for coalescing. */
    public interface Key<T> extends Serializable {
        Object of(T row);
    }

    /**
     * Whether a row may replace the buffered one of the same key. The table's own condition (an upsert's WHERE) only
     * sees what reaches it, so a batch must not keep an older row that arrived later.
     */
    public interface Supersedes<T> extends Serializable {
        boolean replaces(T buffered, T arriving);
    }

    /**
     * Rows that remove their key instead of upserting it (a bucket metric left with no value), with the statement
     * that deletes by key. A removal and an upsert of one key coalesce like two upserts: the last one wins.
     */
    public static final class Removals<T> implements Serializable {
        private static final long serialVersionUID = 1L;

        public interface Test<T> extends Serializable {
            boolean removes(T row);
        }

        final String sql;
        final Binder<T> binder;
        final Test<T> test;

        public Removals(String sql, Binder<T> binder, Test<T> test) {
            this.sql = sql;
            this.binder = binder;
            this.test = test;
        }
    }

    private final JdbcTarget target;
    private final String sql;
    private final Binder<T> binder;
    private final Key<T> key;
    private final Supersedes<T> supersedes;
    private final int maxBatch;
    private final long flushEveryMs;
    private Removals<T> removals;
    private MinuteExpiry expiry;

    public JdbcUpsertSink(
            JdbcTarget target, String sql, Binder<T> binder, Key<T> key, int maxBatch, long flushEveryMs) {
        this(target, sql, binder, key, (buffered, arriving) -> true, maxBatch, flushEveryMs);
    }

    public JdbcUpsertSink(
            JdbcTarget target,
            String sql,
            Binder<T> binder,
            Key<T> key,
            Supersedes<T> supersedes,
            int maxBatch,
            long flushEveryMs) {
        this.target = target;
        this.sql = sql;
        this.binder = binder;
        this.key = key;
        this.supersedes = supersedes;
        this.maxBatch = maxBatch;
        this.flushEveryMs = flushEveryMs;
    }

    /** Lets some rows delete their key (see {@link Removals}); returns this sink. */
    public JdbcUpsertSink<T> withRemovals(Removals<T> removals) {
        this.removals = removals;
        return this;
    }

    /** Lets the writer delete the table's expired MINUTE rows (see {@link MinuteExpiry}); returns this sink. */
    public JdbcUpsertSink<T> withExpiry(MinuteExpiry expiry) {
        this.expiry = expiry;
        return this;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        DriverRelease.registerOn(context.getUserCodeClassLoader());
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        return new Writer(
                context.getProcessingTimeService(),
                context.metricGroup(),
                expiry != null && expiry.runsOn(subtask) ? expiry : null);
    }

    private final class Writer implements SinkWriter<T> {

        private final Map<Object, T> buffer = new LinkedHashMap<>();
        private Connection connection;
        private PreparedStatement statement;
        private PreparedStatement removal;
        private volatile long lastBatchMs;
        private volatile long lastBatchRows;
        private final ProcessingTimeService time;
        /** Null on the writers that do not delete. */
        private final MinuteExpiry expiry;
        /** Processing time of the next delete; 0: at the first watermark. */
        private long nextExpiryMs;

        Writer(
                ProcessingTimeService time,
                org.apache.flink.metrics.groups.SinkWriterMetricGroup metrics,
                MinuteExpiry expiry) {
            this.time = time;
            this.expiry = expiry;
            metrics.gauge("rideops_sink_batch_ms", () -> lastBatchMs);
            metrics.gauge("rideops_sink_batch_rows", () -> lastBatchRows);
            PeriodicFlush.every(time, flushEveryMs, now -> flushBuffer());
        }

        @Override
        public void write(T row, Context context) throws IOException {
            buffer.merge(
                    key.of(row),
                    row,
                    (buffered, arriving) -> supersedes.replaces(buffered, arriving) ? arriving : buffered);
            if (buffer.size() >= maxBatch) {
                flushBuffer();
            }
        }

        /** Runs for every watermark: a comparison, and at most once an hour a bounded delete. */
        @Override
        public void writeWatermark(Watermark watermark) throws IOException {
            if (expiry == null) {
                return;
            }
            long now = time.getCurrentProcessingTime();
            if (now < nextExpiryMs) {
                return;
            }
            Optional<Instant> cutoff = expiry.cutoff(watermark.getTimestamp());
            if (cutoff.isEmpty()) {
                return;
            }
            try {
                openIfClosed();
            } catch (SQLException e) {
                closeQuietly();
                // the next flush reports a mart that is down; expired rows wait
                nextExpiryMs = now + MinuteExpiry.EVERY_MS;
                return;
            }
            // between batches: the connection has no open transaction, so the delete commits on its own
            nextExpiryMs = expiry.run(connection, cutoff.get(), now);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            flushBuffer();
        }

        private void flushBuffer() throws IOException {
            if (buffer.isEmpty()) {
                return;
            }
            long began = System.nanoTime();
            try {
                openIfClosed();
                boolean anyRemoval = false;
                for (T row : buffer.values()) {
                    if (removal != null && removals.test.removes(row)) {
                        removals.binder.bind(removal, row);
                        removal.addBatch();
                        anyRemoval = true;
                    } else {
                        binder.bind(statement, row);
                        statement.addBatch();
                    }
                }
                statement.executeBatch();
                if (anyRemoval) {
                    removal.executeBatch();
                }
                connection.commit();
            } catch (SQLException e) {
                closeQuietly();
                throw new IOException("upsert of " + buffer.size() + " rows failed: " + e.getMessage(), e);
            }
            lastBatchRows = buffer.size();
            lastBatchMs = (System.nanoTime() - began) / 1_000_000;
            buffer.clear();
        }

        private void openIfClosed() throws SQLException {
            if (connection == null || connection.isClosed()) {
                connection = target.connect();
                connection.setAutoCommit(false);
                statement = connection.prepareStatement(sql);
                removal = removals == null ? null : connection.prepareStatement(removals.sql);
            }
        }

        private void closeQuietly() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // the connection failed already; a new one is opened on the next flush
            }
            connection = null;
            statement = null;
            removal = null;
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }
}
