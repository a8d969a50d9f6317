package dev.rideops.job.cdc;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 UTC timestamps as Debezium writes timestamptz ({@code 2026-11-26T03:30:01.123456Z}) to epoch
 * microseconds. That one shape is read by hand: {@link Instant#parse} was a tenth of the job's CPU at several
 * timestamps per event. Anything else (an offset, a malformed value) goes through {@link Instant#parse}, which
 * accepts every ISO instant and rejects the rest with a {@link java.time.format.DateTimeParseException}.
 */
final class IsoTimestamps {

    private IsoTimestamps() {}

    static long micros(String s) {
        if (isPlainUtc(s)) {
            try {
                long day = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10))
                        .toEpochDay();
                int hour = digits(s, 11, 13);
                int minute = digits(s, 14, 16);
                int second = digits(s, 17, 19);
                if (hour < 24 && minute < 60 && second < 60) {
                    return ((day * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + fractionMicros(s);
                }
            } catch (DateTimeException outOfRange) {
                // an impossible date: Instant.parse reports it
            }
        }
        Instant t = Instant.parse(s);
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with digits where digits belong. */
    private static boolean isPlainUtc(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(n - 1) != 'Z') {
            return false;
        }
        if (n > 20 && (s.charAt(19) != '.' || n == 21 || n > 30)) {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            boolean separator = i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || i == 19;
            if (!separator && !Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** The fraction after the seconds, truncated to microseconds as Instant's nanos / 1000 would be. */
    private static long fractionMicros(String s) {
        int end = s.length() - 1;
        long micros = 0;
        for (int i = 20; i < 26; i++) {
            micros = micros * 10 + (i < end ? s.charAt(i) - '0' : 0);
        }
        return micros;
    }
}
