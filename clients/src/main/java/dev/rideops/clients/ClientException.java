package dev.rideops.clients;

/** A call to one of the pipeline's components failed: what, and how to fix it. */
public class ClientException extends RuntimeException {

    private final String fix;

    public ClientException(String problem, String fix) {
        super(problem);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
