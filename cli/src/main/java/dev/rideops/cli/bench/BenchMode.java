package dev.rideops.cli.bench;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a bench picks its rates: one fixed rate, a ramp of rates, or a search for the highest rate that holds. */
public enum BenchMode {
    FIXED,
    RAMP,
    FIND_MAX;

    /** The name result.json, the report and the progress lines show ({@code find-max}). */
    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
