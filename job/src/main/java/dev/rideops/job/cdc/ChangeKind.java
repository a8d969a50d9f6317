package dev.rideops.job.cdc;

/**
 * What a decoded row says about its source row, kept as a byte on the row POJOs (no Kryo): it was created (or read by
 * the connector's initial snapshot), changed, deleted, or read to bootstrap the current-state counts. A deleted row carries the before-image: the key always, every column
 * where the table has {@code REPLICA IDENTITY FULL}.
 */
public final class ChangeKind {

    public static final byte CREATE = 0;
    public static final byte UPDATE = 1;
    public static final byte DELETE = 2;
    /**
     * Read by an incremental snapshot (Debezium's {@code source.snapshot = incremental}, asked for by {@code deploy
     * --offsets latest}): the row as it is now, so a job started without state counts it in the current-state
     * metrics; it adds nothing to buckets, which hold history the job did not see.
     */
    public static final byte BOOTSTRAP = 3;

    private ChangeKind() {}

    static byte of(String op, String snapshot) {
        if ("r".equals(op) && "incremental".equals(snapshot)) {
            return BOOTSTRAP;
        }
        return "u".equals(op) ? UPDATE : "d".equals(op) ? DELETE : CREATE;
    }
}
