package dev.rideops.cli.error;

/**
 * A failure the user can act on: what went wrong and how to fix it, shown as one line. Exit code 1.
 */
public class RideopsException extends RuntimeException {

    private final String fix;

    public RideopsException(String problem, String fix) {
        this(problem, fix, null);
    }

    public RideopsException(String problem, String fix, Throwable cause) {
        super(problem, cause);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }

    public int exitCode() {
        return ExitCodes.FAILURE;
    }

    /** The one line users see: the problem, then the fix. */
    public String oneLine() {
        return fix == null || fix.isBlank() ? getMessage() : getMessage() + "; " + fix;
    }
}
