package dev.rideops.clients.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How a client reaches Kafka: the bootstrap servers and who it logs in as. The one place client properties are
 * built from, for every Kafka client rideops opens (admin, lag reader, the Connect worker's, tests) against the local
 * brokers (SASL_PLAINTEXT with SCRAM, SASL_SSL with {@code security.tls}) and remote clusters alike (PLAINTEXT,
 * SASL_PLAINTEXT or SASL_SSL). The password lives in the properties in memory only; {@link #toString()} never shows
 * it.
 *
 * @param sslCa over TLS, the PEM file of the CA the brokers' certificates are verified with (Kafka's PEM trust store:
 *     no password); empty: the JVM's trusted CAs. Kafka checks the broker's name against its certificate too.
 */
public record KafkaAccess(
        String bootstrapServers,
        String securityProtocol,
        String saslMechanism,
        String user,
        String password,
        String sslCa) {

    public static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL");
    public static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    public KafkaAccess {
        securityProtocol = securityProtocol.toUpperCase(Locale.ROOT);
        saslMechanism = saslMechanism.toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new IllegalArgumentException("unknown Kafka security protocol " + securityProtocol + " (one of "
                    + String.join(", ", new java.util.TreeSet<>(PROTOCOLS)) + ")");
        }
        if (usesSasl(securityProtocol) && !MECHANISMS.contains(saslMechanism)) {
            throw new IllegalArgumentException("unknown SASL mechanism " + saslMechanism + " (one of "
                    + String.join(", ", new java.util.TreeSet<>(MECHANISMS)) + ")");
        }
        sslCa = sslCa == null ? "" : sslCa;
    }

    /** Verifying brokers over TLS, if at all, against the JVM's trusted CAs. */
    public KafkaAccess(
            String bootstrapServers, String securityProtocol, String saslMechanism, String user, String password) {
        this(bootstrapServers, securityProtocol, saslMechanism, user, password, "");
    }

    /** An anonymous client: what remote PLAINTEXT clusters take, and what the local brokers refuse. */
    public static KafkaAccess plaintext(String bootstrapServers) {
        return new KafkaAccess(bootstrapServers, "PLAINTEXT", "", "", "");
    }

    /** This access as another user (the same servers and protocol). */
    public KafkaAccess as(String otherUser, String otherPassword) {
        return new KafkaAccess(bootstrapServers, securityProtocol, saslMechanism, otherUser, otherPassword, sslCa);
    }

    /** This access through other servers (a proxy), as the same user. */
    public KafkaAccess via(String otherBootstrapServers) {
        return new KafkaAccess(otherBootstrapServers, securityProtocol, saslMechanism, user, password, sslCa);
    }

    public boolean sasl() {
        return usesSasl(securityProtocol);
    }

    private static boolean usesSasl(String protocol) {
        return protocol.startsWith("SASL_");
    }

    /** Whether the connection is TLS: SSL or SASL_SSL. */
    public boolean tls() {
        return securityProtocol.endsWith("SSL");
    }

    /** Bootstrap servers and security, for any client (admin, consumer, producer). */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(securityProperties());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * The security settings alone, in the clients' own keys, in this order (the Connect worker writes them so). The
     * CA is a file Kafka reads as a PEM trust store, which takes no password; the default
     * {@code ssl.endpoint.identification.algorithm} (https) checks the broker's name.
     */
    public Map<String, String> securityProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        if (sasl()) {
            p.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            p.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(saslMechanism, user, password));
        }
        if (tls() && !sslCa.isEmpty()) {
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, sslCa);
        }
        return p;
    }

    /** The login module line of a client logging in with a user and password over SCRAM or PLAIN. */
    public static String jaasConfig(String mechanism, String user, String password) {
        return loginModule(mechanism) + " required username=" + quoted(user) + " password=" + quoted(password) + ";";
    }

    public static String loginModule(String mechanism) {
        return mechanism.toUpperCase(Locale.ROOT).equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
    }

    /** A JAAS option value: JAAS reads a quoted string with backslash escapes. */
    public static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Where and as whom, for messages: never the password. */
    @Override
    public String toString() {
        return sasl()
                ? user + "@" + bootstrapServers + " (" + securityProtocol + " " + saslMechanism + ")"
                : bootstrapServers + " (" + securityProtocol + ")";
    }
}
