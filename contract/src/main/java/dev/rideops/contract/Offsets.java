package dev.rideops.contract;

import java.util.Locale;

/** Where the job starts reading the CDC topics. */
public enum Offsets {
    /** The whole CDC log: a fresh start that recomputes every bucket the log still holds. */
    EARLIEST,
    /** Only changes from now on. */
    LATEST,
    /** Where the job's consumer group left off: a resume (the default). */
    COMMITTED;

    /** The program-argument form, e.g. {@code earliest}. */
    public String arg() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Offsets fromArg(String value) {
        for (Offsets o : values()) {
            if (o.arg().equals(value)) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "--" + JobArg.OFFSETS.key() + " must be earliest, latest or committed, was " + value);
    }
}
