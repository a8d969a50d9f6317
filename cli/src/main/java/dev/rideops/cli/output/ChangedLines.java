package dev.rideops.cli.output;

import java.io.PrintWriter;

/**
 * Progress lines for a wait that looks at the same thing again and again (a pipeline catching up, a job reading a
 * topic): a line is printed when it differs from the one printed before, so a state that holds for many looks is said
 * once, and each change of it once more.
 */
public final class ChangedLines {

    private final PrintWriter err;
    private String last;

    public ChangedLines(PrintWriter err) {
        this.err = err;
    }

    /** Prints {@code line} unless it is the one printed last; true when it was printed. */
    public synchronized boolean print(String line) {
        if (line.equals(last)) {
            return false;
        }
        last = line;
        err.println(line);
        err.flush();
        return true;
    }
}
