package dev.rideops.cli.config;

import dev.rideops.stack.Stack;
import java.util.Map;

/**
 * How every Kafka client rideops configures (its own, the Connect worker's connector, the job's) reaches the
 * brokers over TLS: {@code kafka.security-protocol} and {@code kafka.ssl-ca} as set; with {@code security.tls} the
 * protocol's default becomes SASL_SSL, as the local brokers then take nothing else, and the CA the local one's public
 * copy. As with {@link DatabaseTls}, a stack started with TLS keeps it for the later commands of its home.
 */
public final class KafkaTls {

    static final String FROM_TLS = "security.tls (the local brokers serve SASL_SSL)";

    private KafkaTls() {}

    /** {@code kafka.security-protocol} left at its default follows {@code security.tls}, after it is settled. */
    static void applyTls(Map<Setting, ConfigValue> values) {
        if (Boolean.parseBoolean(values.get(Setting.SECURITY_TLS).value())
                && values.get(Setting.KAFKA_SECURITY_PROTOCOL).origin().equals("default")) {
            values.put(Setting.KAFKA_SECURITY_PROTOCOL, new ConfigValue("SASL_SSL", FROM_TLS));
        }
    }

    /**
     * The PEM file of the CA the brokers' certificates are verified with: {@code kafka.ssl-ca}, else the local CA's
     * public copy with {@code security.tls}, else empty (the JVM's trusted CAs).
     */
    public static String ca(RideopsConfig config) {
        String ca = config.get(Setting.KAFKA_SSL_CA);
        if (!ca.isEmpty() || !config.flag(Setting.SECURITY_TLS)) {
            return ca;
        }
        return Stack.caCertificate(config.home(), config.rootsStack()).toString();
    }
}
