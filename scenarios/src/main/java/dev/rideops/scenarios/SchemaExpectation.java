package dev.rideops.scenarios;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the pipeline does when the source's schema changes under it; a schema fault states one and checks it. */
public enum SchemaExpectation {
    /** Decoding does not notice: the job keeps running, nothing is dead-lettered. */
    KEEPS_GOING,
    /** The changes the job can no longer decode go to the dead-letter topic, each with its reason; the job runs. */
    DEAD_LETTERS,
    /** The job cannot carry on with the new schema: it fails, and a redeploy (with a new job) is needed. */
    NEEDS_REDEPLOY;

    @JsonCreator
    public static SchemaExpectation of(String word) {
        for (SchemaExpectation e : values()) {
            if (e.toString().equals(word)) {
                return e;
            }
        }
        throw new IllegalArgumentException("expect must be keeps-going, dead-letters or needs-redeploy, was " + word);
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
