package dev.rideops.job.sinks;

import java.util.Optional;

/**
 * The search sink's line for a login the node refuses: whose login, which setting to fix, and that the sink keeps
 * retrying. A refusal lasts until someone fixes a password, and the sink retries every few seconds, so the line
 * comes at most once per {@code everyMs}, counting the refusals in between.
 */
final class RefusedLoginLog {

    static final long EVERY_MS = 60_000;

    private final long everyMs;
    private boolean logged;
    private long loggedAt;
    private int since;

    RefusedLoginLog(long everyMs) {
        this.everyMs = everyMs;
    }

    /** The line to log for a refusal at processing time {@code now}, or empty within {@code everyMs} of the last. */
    Optional<String> line(long now, String user, String why, int retry, long delayMs, int waiting) {
        if (logged && now - loggedAt < everyMs) {
            since++;
            return Optional.empty();
        }
        String line = "the search node refused the login of the job's search user '" + user + "' (" + why + "): "
                + "check search.writer-password (or, when it is unset, the secret search-writer; on a remote "
                + "cluster the file of job.search-password-file): it must be that user's password on the node. "
                + "Nothing is dead-lettered: retrying with backoff (retry " + retry + " in " + delayMs + " ms, "
                + waiting + " documents waiting" + (logged ? ", " + since + " more refusals since the last line" : "")
                + "); indexing resumes by itself once the node takes the login";
        logged = true;
        loggedAt = now;
        since = 0;
        return Optional.of(line);
    }
}
