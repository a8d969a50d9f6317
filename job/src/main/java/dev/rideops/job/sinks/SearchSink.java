package dev.rideops.job.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.job.kpi.LocationDoc;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * {@code _id = event_id} (a replay overwrites, never duplicates), and per flush only each driver's newest ping into
 * {@code driver_locations}, versioned by event time with {@code external_gte} so an older ping arriving late is
 * refused (409) instead of overwriting a newer position. Sent when full, every {@code flushEveryMs}, and before
 * every checkpoint.
 */
public class SearchSink implements Sink<LocationDoc> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SearchTarget target;
    private final int maxBatch;
    private final long flushEveryMs;

    public SearchSink(SearchTarget target, int maxBatch, long flushEveryMs) {
        this.target = target;
        this.maxBatch = maxBatch;
        this.flushEveryMs = flushEveryMs;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<LocationDoc> createWriter(InitContext context) throws IOException {
        return new Writer(context.getProcessingTimeService());
    }

    static String source(LocationDoc d) {
        return String.format(Locale.ROOT, "{\"driver_id\":%d,\"event_id\":%d,\"location\":{\"lat\":%s,\"lon\":%s},"
                        + "\"status\":\"%s\",\"speed_kmh\":%s,\"heading\":%s,\"updated_at\":\"%s\"}",
                d.driverId, d.eventId, d.lat, d.lon, d.status, d.speedKmh, d.heading, instant(d.recordedAt));
    }

    /** Epoch microseconds, the job's time unit, as an instant. */
    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** The bulk body for a batch: all pings to their daily index, the newest per driver to the latest index. */
    static String bulkBody(List<LocationDoc> pings, Map<Long, LocationDoc> newest) {
        StringBuilder body = new StringBuilder();
        for (LocationDoc d : pings) {
            body.append("{\"index\":{\"_index\":\"").append(SearchIndexes.TIMESERIES_TEMPLATE).append('-')
                    .append(DAY.format(instant(d.recordedAt))).append("\",\"_id\":\"").append(d.eventId)
                    .append("\"}}\n").append(source(d)).append('\n');
        }
        for (LocationDoc d : newest.values()) {
            body.append("{\"index\":{\"_index\":\"").append(SearchIndexes.LATEST).append("\",\"_id\":\"")
                    .append(d.driverId).append("\",\"version\":").append(d.recordedAt)
                    .append(",\"version_type\":\"external_gte\"}}\n").append(source(d)).append('\n');
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
        private RestClient client;
        private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

        Writer(ProcessingTimeService time) {
            this.time = time;
            schedule();
        }

        private void schedule() {
            time.registerTimer(time.getCurrentProcessingTime() + flushEveryMs, ts -> {
                sendBatch();
                schedule();
            });
        }

        @Override
        public void write(LocationDoc doc, Context context) throws IOException {
            pings.add(doc);
            newest.merge(doc.driverId, doc, (a, b) -> b.recordedAt >= a.recordedAt ? b : a);
            if (pings.size() >= maxBatch) {
                sendBatch();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            sendBatch();
            awaitInFlight();
        }

        private void sendBatch() throws IOException {
            if (pings.isEmpty()) {
                return;
            }
            awaitInFlight();
            if (client == null) {
                client = target.client();
                SearchIndexes.ensure(client);
            }
            Request bulk = new Request("POST", "/_bulk");
            bulk.setJsonEntity(bulkBody(pings, newest));
            pings.clear();
            newest.clear();
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
                throw new IOException("search bulk request failed: " + e.getCause().getMessage(), e.getCause());
            }
        }

        @Override
        public void close() throws IOException {
            if (client != null) {
                client.close();
            }
        }
    }

    /** A bulk response's failed items fail the batch; 409 is an older position external_gte rightly refused. */
    static void checkItems(JsonNode result) throws IOException {
        if (!result.path("errors").asBoolean()) {
            return;
        }
        for (JsonNode item : result.path("items")) {
            JsonNode op = item.path("index");
            int status = op.path("status").asInt();
            if (status >= 300 && status != 409) {
                throw new IOException("search bulk item failed (" + status + "): " + op.path("error"));
            }
        }
    }
}
