package dev.rideops.scenarios;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations the way users write them, in flags and in scenario files alike: {@code 30s}, {@code 10m}, {@code 1h},
 * {@code 1d}, {@code 500ms} (a bare number is seconds).
 */
public final class DurationText {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private DurationText() {}

    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (use e.g. 30s, 10m, 1h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest exact form: {@code 15s}, {@code 10m}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** Writes a duration in JSON as users write it, e.g. {@code "15s"}. */
    public static final class Serializer extends StdSerializer<Duration> {

        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }
}
