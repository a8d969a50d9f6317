package dev.rideops.cli.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress lines for a wait that looks at the same thing again and again (a pipeline catching up, a job reading a
 * topic): a line is printed when it differs from the one printed before, so a state that holds for many looks is said
 * once, and each change of it once more. A state that holds longer than {@link #REPEAT_AFTER} is said again with how
 * long it has held, so a long wait never goes silent.
 */
public final class ChangedLines {

    static final Duration REPEAT_AFTER = Duration.ofSeconds(30);

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private String last;
    private long since;
    private long printedAt;

    public ChangedLines(PrintWriter err) {
        this(err, System::nanoTime);
    }

    ChangedLines(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /** Prints {@code line} unless it is the one printed last, not long ago; true when it was printed. */
    public synchronized boolean print(String line) {
        long now = nanoTime.getAsLong();
        if (!line.equals(last)) {
            last = line;
            since = now;
            err.println(line);
        } else if (now - printedAt >= REPEAT_AFTER.toNanos()) {
            err.printf(Locale.ROOT, "%s (unchanged for %d s)%n", line, (now - since) / 1_000_000_000L);
        } else {
            return false;
        }
        printedAt = now;
        err.flush();
        return true;
    }
}
