package dev.rideops.cli.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One item a check found different, as {@code --json} lists it: its key (a bucket's granularity and start, a metric,
 * a driver, a cohort row), its value in the source and in the check's target (for "latest KPI values", the newest
 * minute's and the snapshot's); null where there is no row or document.
 */
public record Mismatch(Map<String, Object> key, Object source, Object target) {

    /** A check lists at most this many, the first in its key order; its {@code mismatches} counts them all. */
    static final int LIMIT = 20;

    /** A key from its parts in order: {@code key("granularity", "MINUTE", "start", start)}. */
    static Map<String, Object> key(Object... namesAndValues) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            key.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(key);
    }

    /** This mismatch with {@code name} as the first part of its key (the day of a cohort row). */
    Mismatch under(String name, Object value) {
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put(name, value);
        outer.putAll(key);
        return new Mismatch(Collections.unmodifiableMap(outer), source, target);
    }

    /** The first {@link #LIMIT} mismatches a check adds. */
    static final class First {
        private final List<Mismatch> kept = new ArrayList<>();

        void add(Mismatch m) {
            if (kept.size() < LIMIT) {
                kept.add(m);
            }
        }

        List<Mismatch> list() {
            return List.copyOf(kept);
        }
    }
}
