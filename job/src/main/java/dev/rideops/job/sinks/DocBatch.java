package dev.rideops.job.sinks;

import dev.rideops.contract.SearchBulk;
import dev.rideops.job.kpi.LocationDoc;
import java.util.List;

/**
 * Search documents not yet acknowledged: pings for their day's time-series index, and newest positions for
 * {@code driver_locations}. One is a bulk request's content (in this order, so a response item's position says which
 * document it answers) and also what the sink writer keeps in its checkpointed state.
 */
record DocBatch(List<LocationDoc> pings, List<LocationDoc> latest) {

    static final DocBatch EMPTY = new DocBatch(List.of(), List.of());

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
     * The bulk body ({@link SearchBulk}): every ping into its day's index with {@code _id = event_id} (a replay
     * overwrites, never duplicates), each newest position into the latest index versioned by event time with
     * {@code external_gte}, so an older ping arriving late is refused (409) instead of overwriting a newer position.
     */
    String body() {
        StringBuilder body = new StringBuilder(256 * size());
        long day = Long.MIN_VALUE;
        String dayIndex = null;
        for (LocationDoc d : pings) {
            long pingDay = SearchBulk.day(d.recordedAt);
            if (pingDay != day) {
                day = pingDay;
                dayIndex = SearchBulk.timeseriesIndex(pingDay);
            }
            d.appendJson(SearchBulk.indexPing(body, dayIndex, d.eventId)).append('\n');
        }
        for (LocationDoc d : latest) {
            d.appendJson(SearchBulk.indexLatest(body, d.driverId, d.recordedAt)).append('\n');
        }
        return body.toString();
    }
}
