package dev.rideops.stack.snapshot;

import dev.rideops.clients.ClientException;

/**
 * A snapshot that cannot be saved, loaded or deleted: what went wrong and how to fix it, each one line (the shape
 * of every rideops failure that names its fix).
 */
public final class SnapshotException extends ClientException {

    public SnapshotException(String problem, String fix) {
        super(problem, fix);
    }
}
