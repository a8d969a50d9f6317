package dev.rideops.job.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.JobJar;
import dev.rideops.contract.SearchIndexes;
import dev.rideops.job.kpi.LocationDoc;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/**
 * Writes location pings to the search node with {@code _bulk}: every ping into its day's time-series index with
 * {@code _id = event_id} (a replay overwrites, never duplicates), and each driver's newest ping into
 * {@code driver_locations}, versioned by event time with {@code external_gte} so an older ping arriving late is
 * refused (409) instead of overwriting a newer position. Pings are sent when a batch is full and every
 * {@code flushEveryMs}; newest positions are coalesced for {@code latestFlushEveryMs}; both before every checkpoint.
 * Daily indexes older than {@code timeseriesRetentionDays} are deleted ({@link TimeseriesCleanup}).
 */
public class SearchSink implements Sink<LocationDoc> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final SearchTarget target;
    private final int maxBatch;
    private final long flushEveryMs;
    private final long latestFlushEveryMs;
    private final int timeseriesRetentionDays;

    /** @param timeseriesRetentionDays days of daily indexes kept before the newest ping's; 0 keeps every day */
    public SearchSink(
            SearchTarget target,
            int maxBatch,
            long flushEveryMs,
            long latestFlushEveryMs,
            int timeseriesRetentionDays) {
        this.target = target;
        this.maxBatch = maxBatch;
        this.flushEveryMs = flushEveryMs;
        this.latestFlushEveryMs = latestFlushEveryMs;
        this.timeseriesRetentionDays = timeseriesRetentionDays;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<LocationDoc> createWriter(InitContext context) throws IOException {
        return new Writer(context.getProcessingTimeService());
    }

    /** The document; appended by hand because this runs for every ping and String.format was a tenth of the job. */
    static StringBuilder source(LocationDoc d, StringBuilder out) {
        return out.append("{\"driver_id\":")
                .append(d.driverId)
                .append(",\"event_id\":")
                .append(d.eventId)
                .append(",\"location\":{\"lat\":")
                .append(d.lat)
                .append(",\"lon\":")
                .append(d.lon)
                .append("},\"status\":\"")
                .append(d.status)
                .append("\",\"speed_kmh\":")
                .append(d.speedKmh)
                .append(",\"heading\":")
                .append(d.heading)
                .append(",\"updated_at\":\"")
                .append(instant(d.recordedAt))
                .append("\"}\n");
    }

    /** Epoch microseconds, the job's time unit, as an instant. */
    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** The bulk body: the pings to their daily index, then the given newest positions to the latest index. */
    static String bulkBody(List<LocationDoc> pings, Collection<LocationDoc> newest) {
        StringBuilder body = new StringBuilder(256 * (pings.size() + newest.size()));
        long day = Long.MIN_VALUE;
        String dayIndex = null;
        for (LocationDoc d : pings) {
            long pingDay = Math.floorDiv(d.recordedAt, MICROS_PER_DAY);
            if (pingDay != day) {
                day = pingDay;
                dayIndex = SearchIndexes.TIMESERIES_PREFIX + SearchIndexes.TIMESERIES_DAY.format(instant(d.recordedAt));
            }
            body.append("{\"index\":{\"_index\":\"")
                    .append(dayIndex)
                    .append("\",\"_id\":\"")
                    .append(d.eventId)
                    .append("\"}}\n");
            source(d, body);
        }
        for (LocationDoc d : newest) {
            body.append("{\"index\":{\"_index\":\"")
                    .append(SearchIndexes.LATEST)
                    .append("\",\"_id\":\"")
                    .append(d.driverId)
                    .append("\",\"version\":")
                    .append(d.recordedAt)
                    .append(",\"version_type\":\"external_gte\"}}\n");
            source(d, body);
        }
        return body.toString();
    }

    /**
     * Sends each batch asynchronously, at most one in flight: the operator goes on with the next batch while the
     * search node indexes this one (on a small machine a synchronous bulk stalled the shared source, and with it the
     * mart's latency). It waits for the batch in flight before sending another, so batches stay in order, and before
     * a checkpoint completes, so a checkpoint still means everything before it is indexed.
     */
    private final class Writer implements SinkWriter<LocationDoc> {

        private final ProcessingTimeService time;
        private final List<LocationDoc> pings = new ArrayList<>();
        private final Map<Long, LocationDoc> newest = new LinkedHashMap<>();
        private final TimeseriesCleanup cleanup = new TimeseriesCleanup(timeseriesRetentionDays);
        private boolean cleanupDue;
        private RestClient client;
        private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
        private long latestSentAt;

        Writer(ProcessingTimeService time) {
            this.time = time;
            this.latestSentAt = time.getCurrentProcessingTime();
            PeriodicFlush.every(time, flushEveryMs, now -> sendBatch(now - latestSentAt >= latestFlushEveryMs));
        }

        @Override
        public void write(LocationDoc doc, Context context) throws IOException {
            cleanupDue |= cleanup.newDay(Math.floorDiv(doc.recordedAt, MICROS_PER_DAY));
            pings.add(doc);
            newest.merge(doc.driverId, doc, (a, b) -> b.recordedAt >= a.recordedAt ? b : a);
            if (pings.size() >= maxBatch) {
                sendBatch(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            sendBatch(true);
            awaitInFlight();
        }

        private void sendBatch(boolean withLatest) throws IOException {
            if (pings.isEmpty() && (!withLatest || newest.isEmpty())) {
                return;
            }
            awaitInFlight();
            if (client == null) {
                client = target.client();
                SearchIndexes.ensure(SearchTarget.indexApi(client), JobJar.classpath());
            }
            if (cleanupDue) {
                cleanup.deleteExpired(client);
                cleanupDue = false;
            }
            Request bulk = new Request("POST", "/_bulk");
            // only failed items come back: parsing thousands of per-item results was another tenth of the job
            bulk.addParameter("filter_path", "errors,items.*.error");
            bulk.setJsonEntity(bulkBody(pings, withLatest ? newest.values() : List.of()));
            pings.clear();
            if (withLatest) {
                newest.clear();
                latestSentAt = time.getCurrentProcessingTime();
            }
            CompletableFuture<Void> sent = new CompletableFuture<>();
            inFlight = sent;
            client.performRequestAsync(bulk, new ResponseListener() {
                @Override
                public void onSuccess(Response response) {
                    try {
                        checkItems(JSON.readTree(response.getEntity().getContent()));
                        sent.complete(null);
                    } catch (IOException | RuntimeException e) {
                        sent.completeExceptionally(e);
                    }
                }

                @Override
                public void onFailure(Exception e) {
                    sent.completeExceptionally(e);
                }
            });
        }

        private void awaitInFlight() throws IOException {
            try {
                inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a search bulk request", e);
            } catch (ExecutionException e) {
                throw new IOException(
                        "search bulk request failed: " + e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public void close() throws IOException {
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * A bulk response's failed items fail the batch, except a version conflict: an older position that
     * {@code external_gte} rightly refused.
     */
    static void checkItems(JsonNode result) throws IOException {
        if (!result.path("errors").asBoolean()) {
            return;
        }
        for (JsonNode item : result.path("items")) {
            JsonNode error = item.path("index").path("error");
            if (!error.isMissingNode()
                    && !"version_conflict_engine_exception"
                            .equals(error.path("type").asText())) {
                throw new IOException("search bulk item failed: " + error);
            }
        }
    }
}
