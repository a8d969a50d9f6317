package dev.rideops.job.sinks;

import dev.rideops.job.credentials.Credential;
import java.io.Serializable;
import java.util.Locale;
import java.util.Properties;

/**
 * Who the job's Kafka clients (the CDC source, its enumerator, the dead-letter sinks) log in as. Only the user and
 * where the password is ({@link Credential}: a file path or a variable's name) travel in the job graph: the password
 * itself is resolved by each Kafka client where it runs, through {@link CredentialConfigProvider}, so it is never a
 * program argument, part of the job graph, or in Flink's logs.
 *
 * @param sslCa over SSL or SASL_SSL, the PEM file of the CA the brokers are verified with, read where each client
 *     runs (Kafka's PEM trust store: no password); empty: the JVM's trusted CAs
 */
public record KafkaLogin(String securityProtocol, String mechanism, String user, Credential password, String sslCa)
        implements Serializable {

    static final String PROVIDER = "rideops";

    /** An anonymous client (PLAINTEXT): a broker of one's own in a test, or a cluster without security. */
    public static KafkaLogin none() {
        return new KafkaLogin("PLAINTEXT", "", "", Credential.literal(""), "");
    }

    public boolean sasl() {
        return securityProtocol.toUpperCase(Locale.ROOT).startsWith("SASL_");
    }

    public boolean tls() {
        return securityProtocol.toUpperCase(Locale.ROOT).endsWith("SSL");
    }

    /** The security settings of a Kafka client, to add to its own. */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("security.protocol", securityProtocol);
        if (tls() && !sslCa.isEmpty()) {
            p.setProperty("ssl.truststore.type", "PEM");
            p.setProperty("ssl.truststore.location", sslCa);
        }
        if (!sasl()) {
            return p;
        }
        p.setProperty("sasl.mechanism", mechanism);
        String module = mechanism.equalsIgnoreCase("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        p.setProperty(
                "sasl.jaas.config",
                module + " required username=\"" + user.replace("\\", "\\\\").replace("\"", "\\\"") + "\" password=\"${"
                        + PROVIDER + ":" + CredentialConfigProvider.PASSWORD + "}\";");
        p.setProperty("config.providers", PROVIDER);
        p.setProperty("config.providers." + PROVIDER + ".class", CredentialConfigProvider.class.getName());
        password.providerParams().forEach((k, v) -> p.setProperty("config.providers." + PROVIDER + ".param." + k, v));
        return p;
    }
}
