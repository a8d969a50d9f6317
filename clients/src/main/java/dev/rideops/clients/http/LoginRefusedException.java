package dev.rideops.clients.http;

import dev.rideops.clients.ClientException;

/**
 * A server refused rideops's login (401) or its user's role (403) where a login hint was given: no waiting makes it
 * answer, so a caller that polls (readiness, a health look) stops and says which setting to fix rather than reading
 * it as "nothing there yet".
 */
public final class LoginRefusedException extends ClientException {

    public LoginRefusedException(String problem, String fix) {
        super(problem, fix);
    }
}
