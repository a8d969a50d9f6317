package dev.rideops.cli.deadletters;

import dev.rideops.clients.kafka.DeadLetterLog;
import dev.rideops.clients.search.PingReindex;
import dev.rideops.contract.DeadLetterReason;
import dev.rideops.contract.PingDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays the pings the search sink dead-lettered while the node failed ({@link DeadLetterReason#SEARCH_MAX_PENDING})
 * into the search indexes, from where the last replay stopped to the end the topic had at the start. Each batch is
 * indexed, then its offsets are committed ({@link DeadLetterLog#commitReplayed}): a replay that stops (the node fails
 * again, Ctrl-C) goes on from its last whole batch, and the few pings it sends twice overwrite themselves.
 */
public final class SearchReplay {

    /** At most this many refusals are kept to show. */
    private static final int SHOWN = 3;

    /**
     * What a replay did.
     *
     * @param read dead letters read (every reason)
     * @param replayed pings sent to the search node again
     * @param newerKept drivers whose {@code driver_locations} held a newer position already (left as it was)
     * @param refused pings the node refused for good; {@code firstRefusals} says why
     * @param unreadable replayable letters whose document could not be read
     */
    public record Result(
            long read, long replayed, long newerKept, long refused, long unreadable, List<String> firstRefusals) {

        /** Every replayable ping read is in the index now (or was refused by version as older). */
        public boolean complete() {
            return refused == 0 && unreadable == 0;
        }
    }

    private final DeadLetterLog log;
    private final PingReindex reindex;
    private final PrintWriter progress;
    private final long progressEveryNanos;

    /**
     * @param log the topic, read from where the replay got to ({@link DeadLetterLog#fromReplayPosition})
     * @param progress where a progress line goes at most every {@code progressEveryNanos}
     */
    public SearchReplay(DeadLetterLog log, PingReindex reindex, PrintWriter progress, long progressEveryNanos) {
        this.log = log;
        this.reindex = reindex;
        this.progress = progress;
        this.progressEveryNanos = progressEveryNanos;
    }

    public Result run() {
        long total = log.remaining();
        long read = 0;
        long replayed = 0;
        long newerKept = 0;
        long refused = 0;
        long unreadable = 0;
        List<String> firstRefusals = new ArrayList<>();
        long lastLine = System.nanoTime();
        while (!log.done()) {
            List<DeadLetterLog.Letter> letters = log.next();
            List<PingDocument> pings = new ArrayList<>();
            for (DeadLetterLog.Letter letter : letters) {
                if (letter.letter() == null
                        || !DeadLetterReason.replayableToSearch(letter.letter().reasonName())) {
                    continue;
                }
                try {
                    pings.add(PingDocument.parse(letter.letter().payload()));
                } catch (IOException e) {
                    unreadable++;
                    keep(firstRefusals, "offset " + letter.partition() + "/" + letter.offset() + ": " + e.getMessage());
                }
            }
            PingReindex.Outcome outcome = reindex.send(pings);
            // only once the node took the batch: a failure above leaves these letters for the next replay
            log.commitReplayed();
            read += letters.size();
            replayed += outcome.pings();
            newerKept += outcome.newerKept();
            refused += outcome.refused().size();
            outcome.refused().forEach(r -> keep(firstRefusals, r));
            if (System.nanoTime() - lastLine >= progressEveryNanos || log.done()) {
                lastLine = System.nanoTime();
                progress.printf(
                        Locale.ROOT,
                        "  read %d of %d dead letters (%.0f%%), re-indexed %d pings%n",
                        read,
                        total,
                        total == 0 ? 100.0 : 100.0 * read / total,
                        replayed);
                progress.flush();
            }
        }
        return new Result(read, replayed, newerKept, refused, unreadable, List.copyOf(firstRefusals));
    }

    private static void keep(List<String> shown, String reason) {
        if (shown.size() < SHOWN) {
            shown.add(reason);
        }
    }
}
