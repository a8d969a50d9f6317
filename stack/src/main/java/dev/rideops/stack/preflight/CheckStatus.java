package dev.rideops.stack.preflight;

/** Outcome of one preflight check. Only FAIL stops the stack from starting. */
public enum CheckStatus {
    OK,
    WARN,
    FAIL
}
