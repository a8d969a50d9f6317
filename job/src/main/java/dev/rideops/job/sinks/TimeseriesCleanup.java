package dev.rideops.job.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.SearchIndexes;
import dev.rideops.contract.TimeseriesRetention;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the daily time-series indexes older than the retention, each time the sink sees a ping of a newer day
 * than before (and so once after every start). Done by the job rather than an index lifecycle policy because
 * OpenSearch (ISM) and Elasticsearch (ILM) each have their own, and the job already talks to whichever node it is
 * given, local or remote. A failed deletion is logged and tried again on the next new day: old indexes cost disk,
 * not correctness, and should not restart the pipeline.
 */
final class TimeseriesCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(TimeseriesCleanup.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int retentionDays;
    private long newestDay = Long.MIN_VALUE;

    /** @param retentionDays days kept before the newest ping's; 0 keeps every day */
    TimeseriesCleanup(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    /**
     * Notes a ping's day (days since the epoch, UTC); true when it is newer than every day before and days expire
     * at all, so {@link #deleteExpired} has work. Runs for every ping: a comparison, nothing more.
     */
    boolean newDay(long epochDay) {
        if (epochDay <= newestDay) {
            return false;
        }
        newestDay = epochDay;
        return retentionDays > 0;
    }

    void deleteExpired(RestClient client) {
        try {
            List<String> expired =
                    TimeseriesRetention.expired(dailyIndexes(client), LocalDate.ofEpochDay(newestDay), retentionDays);
            if (!expired.isEmpty()) {
                client.performRequest(new Request("DELETE", "/" + String.join(",", expired)));
                LOG.info(
                        "deleted {} time-series indexes older than {} days: {}",
                        expired.size(),
                        retentionDays,
                        expired);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "could not delete time-series indexes older than {} days; trying again on the next day",
                    retentionDays,
                    e);
        }
    }

    private static List<String> dailyIndexes(RestClient client) throws IOException {
        Request list = new Request("GET", "/_cat/indices/" + SearchIndexes.TIMESERIES_PREFIX + "*");
        list.addParameter("h", "index");
        list.addParameter("format", "json");
        JsonNode rows = JSON.readTree(client.performRequest(list).getEntity().getContent());
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.path("index").asText()));
        return names;
    }
}
