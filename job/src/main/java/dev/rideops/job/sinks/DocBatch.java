package dev.rideops.job.sinks;

import dev.rideops.contract.SearchIndexes;
import dev.rideops.job.kpi.LocationDoc;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Search documents not yet acknowledged: pings for their day's time-series index, and newest positions for
 * {@code driver_locations}. One is a bulk request's content (in this order, so a response item's position says which
 * document it answers) and also what the sink writer keeps in its checkpointed state.
 */
record DocBatch(List<LocationDoc> pings, List<LocationDoc> latest) {

    static final DocBatch EMPTY = new DocBatch(List.of(), List.of());

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT);
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    int size() {
        return pings.size() + latest.size();
    }

    boolean isLatest(int position) {
        return position >= pings.size();
    }

    LocationDoc doc(int position) {
        return isLatest(position) ? latest.get(position - pings.size()) : pings.get(position);
    }

    /**
     * The bulk body: every ping into its day's index with {@code _id = event_id} (a replay overwrites, never
     * duplicates), each newest position into the latest index versioned by event time with {@code external_gte}, so
     * an older ping arriving late is refused (409) instead of overwriting a newer position.
     */
    String body() {
        StringBuilder body = new StringBuilder(256 * size());
        long day = Long.MIN_VALUE;
        String dayIndex = null;
        for (LocationDoc d : pings) {
            long pingDay = Math.floorDiv(d.recordedAt, MICROS_PER_DAY);
            if (pingDay != day) {
                day = pingDay;
                dayIndex = SearchIndexes.TIMESERIES_PREFIX + DAY.format(LocalDate.ofEpochDay(pingDay));
            }
            body.append("{\"index\":{\"_index\":\"")
                    .append(dayIndex)
                    .append("\",\"_id\":\"")
                    .append(d.eventId)
                    .append("\"}}\n");
            d.appendJson(body).append('\n');
        }
        for (LocationDoc d : latest) {
            body.append("{\"index\":{\"_index\":\"")
                    .append(SearchIndexes.LATEST)
                    .append("\",\"_id\":\"")
                    .append(d.driverId)
                    .append("\",\"version\":")
                    .append(d.recordedAt)
                    .append(",\"version_type\":\"external_gte\"}}\n");
            d.appendJson(body).append('\n');
        }
        return body.toString();
    }
}
