package dev.rideops.job.cdc;

/** A CDC record that cannot be decoded; its message is the reason written to the dead-letter topic. */
public class MalformedEventException extends Exception {
    public MalformedEventException(String reason) {
        super(reason);
    }
}
