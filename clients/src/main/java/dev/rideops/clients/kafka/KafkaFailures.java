package dev.rideops.clients.kafka;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.LoginRefusedException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * A refused login or a denied operation as one line that names Kafka, the user, and the setting to fix, instead of
 * the client's exception chain.
 */
public final class KafkaFailures {

    private KafkaFailures() {}

    /**
     * What a failure means, when it is a login or an authorization failure; null otherwise (the caller keeps its own
     * message for the rest).
     *
     * @param doing what the client was asked to do, e.g. "create the CDC topics"
     */
    public static ClientException explain(Throwable failure, KafkaAccess access, String doing) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SaslAuthenticationException) {
                return new LoginRefusedException(
                        "Kafka at " + access.bootstrapServers() + " refused the login of user '" + access.user() + "' ("
                                + access.saslMechanism() + "): unknown user or bad password",
                        "set kafka.user and kafka.password (RIDEOPS_KAFKA_PASSWORD) to a Kafka user of that cluster,"
                                + " or unset kafka.password to use the local stack's, "
                                + "$RIDEOPS_HOME/secrets/kafka-rideops");
            }
            if (t instanceof UnsupportedSaslMechanismException) {
                return new ClientException(
                        "Kafka at " + access.bootstrapServers() + " does not take SASL mechanism "
                                + access.saslMechanism(),
                        "set kafka.sasl-mechanism to one its listener enables (SCRAM-SHA-512, SCRAM-SHA-256, PLAIN)");
            }
            if (t instanceof AuthorizationException denied) {
                return new LoginRefusedException(
                        "Kafka denied user '" + access.user() + "' to " + doing + " ("
                                + denied.getClass().getSimpleName().replace("AuthorizationException", "")
                                + " ACL: " + firstLine(denied.getMessage()) + ")",
                        "grant that user the operation in Kafka's ACLs, or set kafka.user to one allowed to "
                                + "(the local stack grants its users what rideops needs on every 'up')");
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "not authorized" : message.lines().findFirst().orElse(message);
    }
}
