package dev.rideops.stack.snapshot;

/** A snapshot that cannot be saved, loaded or deleted: what went wrong and how to fix it, each one line. */
public final class SnapshotException extends RuntimeException {

    private final String fix;

    public SnapshotException(String problem, String fix) {
        super(problem);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
