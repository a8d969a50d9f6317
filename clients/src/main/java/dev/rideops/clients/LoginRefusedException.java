package dev.rideops.clients;

/**
 * A component refused rideops's login or denied its user (a REST 401/403 where a login hint was given, Kafka's SASL
 * or ACL refusal): no waiting makes it answer, so a caller that polls (readiness, a health look) stops and says which
 * setting to fix rather than reading it as "nothing there yet".
 */
public final class LoginRefusedException extends ClientException {

    public LoginRefusedException(String problem, String fix) {
        super(problem, fix);
    }
}
