package dev.rideops.cli.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a setting's value must look like; {@link #check} returns the problem or null when it is fine. */
enum ValueType {
    TEXT(null),
    SECRET(null),
    PATH(null),
    PORT("a port number between 1 and 65535"),
    OPTIONAL_PORT("a port number between 1 and 65535, or empty"),
    COUNT("a whole number of at least 1"),
    OFFSET("a whole number from 0 to 50000"),
    MEGABYTES("a memory size such as 512m or 2g"),
    SIZE("a size such as 512m or 2g, at least 1m"),
    URL("an http(s) URL such as http://localhost:8081, or empty for the local stack"),
    BROKERS("1, 3 or auto"),
    VOLUME("one of tiny, small, medium, large"),
    RETENTION("a duration such as 7d, 12h or 2w"),
    COMPRESSION("one of none, gzip, snappy, lz4, zstd"),
    LOGIN("a user name of letters, digits, '.', '_' or '-' (basic auth forbids ':')"),
    KAFKA_PROTOCOL("one of PLAINTEXT, SASL_PLAINTEXT, SASL_SSL"),
    SASL_MECHANISM("one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN"),
    BOOLEAN("true or false"),
    SSLMODE("empty, or one of disable, allow, prefer, require, verify-ca, verify-full"),
    CDC_FORMAT("json or avro");

    /** At most six digits: the largest, 999999g, still fits an int of megabytes. */
    private static final Pattern SIZE_PATTERN = Pattern.compile("(\\d{1,6})([mMgG])");
    /** Safe in a basic auth header and as a bare value in the Prometheus config rideops writes. */
    private static final Pattern LOGIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** Prometheus's duration syntax, as {@code --storage.tsdb.retention.time} takes it. */
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    String expected() {
        return expected;
    }

    String check(String value) {
        boolean valid = switch (this) {
            case TEXT, SECRET, PATH -> true;
            case PORT -> isPort(value);
            case OPTIONAL_PORT -> value.isEmpty() || isPort(value);
            case COUNT -> isInt(value) && Integer.parseInt(value) >= 1;
            case OFFSET -> isInt(value) && Integer.parseInt(value) <= 50000;
            case MEGABYTES -> SIZE_PATTERN.matcher(value).matches();
            case SIZE -> SIZE_PATTERN.matcher(value).matches() && megabytes(value) >= 1;
            case URL -> value.isEmpty() || value.startsWith("http://") || value.startsWith("https://");
            case BROKERS -> Set.of("1", "3", "auto").contains(value.toLowerCase(Locale.ROOT));
            case RETENTION -> PROMETHEUS_DURATION.matcher(value).matches();
            case VOLUME -> Set.of("tiny", "small", "medium", "large").contains(value.toLowerCase(Locale.ROOT));
            case COMPRESSION -> Set.of("none", "gzip", "snappy", "lz4", "zstd").contains(value);
            case LOGIN -> LOGIN_NAME.matcher(value).matches();
            case KAFKA_PROTOCOL ->
                Set.of("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL").contains(value);
            case SASL_MECHANISM ->
                Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN").contains(value);
            case BOOLEAN -> Set.of("true", "false").contains(value.toLowerCase(Locale.ROOT));
            case CDC_FORMAT -> Set.of("json", "avro").contains(value);
            case SSLMODE ->
                value.isEmpty()
                        || Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
                                .contains(value);
        };
        return valid ? null : "expected " + expected;
    }

    static int megabytes(String value) {
        var m = SIZE_PATTERN.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + value);
        }
        int n = Integer.parseInt(m.group(1));
        return m.group(2).equalsIgnoreCase("g") ? n * 1024 : n;
    }

    private static boolean isPort(String value) {
        return isInt(value) && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535;
    }

    private static boolean isInt(String value) {
        if (value.isEmpty() || value.length() > 9) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
