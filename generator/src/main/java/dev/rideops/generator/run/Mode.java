package dev.rideops.generator.run;

/** seed writes a past history as fast as it can; stream plays live with event time now. */
public enum Mode {
    SEED,
    STREAM
}
