package dev.rideops.contract;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which daily time-series indexes a retention of N days keeps: the day of the newest ping and the N days before
 * it, so every ping of the last N×24 hours stays searchable. The job's search sink deletes the older ones; verify
 * compares only the days kept. Counted from the newest ping rather than the clock, so a pipeline replaying old
 * data does not delete what it is writing.
 */
public final class TimeseriesRetention {

    private TimeseriesRetention() {}

    public static LocalDate oldestKept(LocalDate newestDay, int days) {
        return newestDay.minusDays(days);
    }

    /** The daily indexes among {@code names} older than the retention; other names are never picked. */
    public static List<String> expired(Collection<String> names, LocalDate newestDay, int days) {
        LocalDate oldest = oldestKept(newestDay, days);
        return names.stream()
                .filter(name -> day(name).filter(d -> d.isBefore(oldest)).isPresent())
                .sorted()
                .toList();
    }

    /** The day of a daily index's name, empty for any other name. */
    static Optional<LocalDate> day(String index) {
        if (!index.startsWith(SearchIndexes.TIMESERIES_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(
                    index.substring(SearchIndexes.TIMESERIES_PREFIX.length()), SearchIndexes.TIMESERIES_DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
