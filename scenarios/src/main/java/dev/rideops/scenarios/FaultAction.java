package dev.rideops.scenarios;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a fault takes its service down. */
public enum FaultAction {
    /** SIGKILL: a crash, nothing flushed. */
    KILL("SIGKILL"),
    /** SIGTERM: a clean stop and restart. */
    STOP("SIGTERM"),
    /** SIGSTOP for the down time, then SIGCONT: a stalled process that holds its connections, not a dead one. */
    PAUSE("SIGSTOP"),
    /** DDL on the live source database (the service is {@code source-db}), while the generator writes. */
    SCHEMA("DDL"),
    /** The fault proxy on one link: latency, a bandwidth limit, a partition or resets ({@link NetworkFault}). */
    NETWORK("TCP proxy");

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
        throw new IllegalArgumentException("action must be kill, stop, pause, schema or network, was " + word);
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
