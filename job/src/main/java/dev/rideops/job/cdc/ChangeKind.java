package dev.rideops.job.cdc;

/**
 * What a decoded row says about its source row, kept as a byte on the row POJOs (no Kryo): it was created (or read by
 * the connector's snapshot), changed, or deleted. A deleted row carries the before-image: the key always, every column
 * where the table has {@code REPLICA IDENTITY FULL}.
 */
public final class ChangeKind {

    public static final byte CREATE = 0;
    public static final byte UPDATE = 1;
    public static final byte DELETE = 2;

    private ChangeKind() {}

    static byte of(String op) {
        return "u".equals(op) ? UPDATE : "d".equals(op) ? DELETE : CREATE;
    }
}
