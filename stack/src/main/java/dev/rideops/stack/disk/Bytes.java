package dev.rideops.stack.disk;

import java.util.Locale;

/** Byte counts as people read them: {@code 812 MiB}, {@code 3.4 GiB}. */
public final class Bytes {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024L * MIB;

    private Bytes() {}

    public static String human(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", (double) bytes / GIB);
        }
        if (bytes >= MIB) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= 1024) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }
}
