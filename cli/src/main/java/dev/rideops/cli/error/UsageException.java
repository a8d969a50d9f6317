package dev.rideops.cli.error;

/** The command was asked for something it cannot do as given (bad flag value, bad config). Exit code 2. */
public class UsageException extends RideopsException {

    public UsageException(String problem, String fix) {
        super(problem, fix);
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
