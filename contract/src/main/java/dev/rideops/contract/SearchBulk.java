package dev.rideops.contract;

import java.time.LocalDate;

/**
 * The action lines of the {@code _bulk} requests that write pings, shared by the job's sink and the CLI's replay of
 * dead-lettered pings so both address a document the same way: a ping into its day's time-series index with
 * {@code _id = event_id} (written twice, it is overwritten, never duplicated), a driver's newest position into
 * {@code driver_locations} versioned by event time with {@code external_gte} (an older ping is refused with 409
 * instead of overwriting a newer position).
 */
public final class SearchBulk {

    /** Asks for each item's status and error only: parsing every item's full result was a tenth of the job. */
    public static final String FILTER_PATH = "errors,items.*.status,items.*.error";

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private SearchBulk() {}

    /** The UTC day (epoch day) of an event time in microseconds. */
    public static long day(long recordedAtMicros) {
        return Math.floorDiv(recordedAtMicros, MICROS_PER_DAY);
    }

    /** The daily time-series index of the pings of a UTC day (epoch day). */
    public static String timeseriesIndex(long epochDay) {
        return SearchIndexes.TIMESERIES_PREFIX + SearchIndexes.TIMESERIES_DAY.format(LocalDate.ofEpochDay(epochDay));
    }

    /** Appends the action line of a ping into its day's index; its document follows on the next line. */
    public static StringBuilder indexPing(StringBuilder body, String dayIndex, long eventId) {
        return body.append("{\"index\":{\"_index\":\"")
                .append(dayIndex)
                .append("\",\"_id\":\"")
                .append(eventId)
                .append("\"}}\n");
    }

    /** Appends the action line of a driver's newest position; its document follows on the next line. */
    public static StringBuilder indexLatest(StringBuilder body, long driverId, long recordedAtMicros) {
        return body.append("{\"index\":{\"_index\":\"")
                .append(SearchIndexes.LATEST)
                .append("\",\"_id\":\"")
                .append(driverId)
                .append("\",\"version\":")
                .append(recordedAtMicros)
                .append(",\"version_type\":\"external_gte\"}}\n");
    }
}
