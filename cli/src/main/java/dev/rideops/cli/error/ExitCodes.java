package dev.rideops.cli.error;

/** Exit codes of every rideops command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran and failed: a service down, a check failed, a mismatch found. */
    public static final int FAILURE = 1;
    /** The command was used wrongly (unknown flag, bad value, bad config) or is not built yet. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
