package dev.rideops.stack.deploy;

/** A deployment step failed: what, and how to fix it. */
public final class DeployException extends RuntimeException {

    private final String fix;

    public DeployException(String problem, String fix) {
        super(problem);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
