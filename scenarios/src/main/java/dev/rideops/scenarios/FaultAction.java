package dev.rideops.scenarios;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a fault takes its service down. */
public enum FaultAction {
    /** SIGKILL: a crash, nothing flushed. */
    KILL("SIGKILL"),
    /** SIGTERM: a clean stop and restart. */
    STOP("SIGTERM");

    private final String signal;

    FaultAction(String signal) {
        this.signal = signal;
    }

    public String signal() {
        return signal;
    }

    @JsonCreator
    public static FaultAction of(String word) {
        for (FaultAction a : values()) {
            if (a.toString().equals(word)) {
                return a;
            }
        }
        throw new IllegalArgumentException("action must be kill or stop, was " + word);
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
