package dev.rideops.stack.lifecycle;

import java.nio.file.Path;
import java.util.List;

/** A service did not come up: which one, why, and the last lines of its log so users see the cause at once. */
public final class ServiceFailedException extends RuntimeException {

    private final String service;
    private final Path log;
    private final List<String> logTail;

    public ServiceFailedException(String service, String reason, Path log, List<String> logTail) {
        super(service + " " + reason);
        this.service = service;
        this.log = log;
        this.logTail = List.copyOf(logTail);
    }

    public String service() {
        return service;
    }

    public Path log() {
        return log;
    }

    public List<String> logTail() {
        return logTail;
    }
}
