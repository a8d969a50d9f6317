package dev.rideops.stack.services;

import dev.rideops.stack.secrets.ServerCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local brokers serve with {@code security.tls}: their client listener (and the proxied one chaos uses)
 * takes SASL_SSL, with {@link ServerCertificates#kafka}'s certificate (127.0.0.1 and localhost, which a TCP proxy on
 * 127.0.0.1 passes through unchanged); the controller listener stays SASL_PLAINTEXT on 127.0.0.1. Inter-broker
 * traffic runs on the client listener, so the brokers verify each other against the CA as every client does.
 *
 * <p>Kafka reads the key and its chain as one PEM key store: unencrypted, so no store or key password is needed, on a
 * command line or in server.properties. Each broker gets its own copy in its conf (0600, its user's), as with its JAAS
 * file: the home's secrets directory is rideops's alone.
 */
public final class KafkaServerTls {

    /** In each broker's conf: its key, then its certificate and the CA's. */
    static final String KEY_STORE = "kafka-server.pem";

    private final ServerCertificates certificates;

    public KafkaServerTls(ServerCertificates certificates) {
        this.certificates = certificates;
    }

    /** The CA's public certificate, what every client verifies the brokers with. */
    public Path caCertificate() {
        return certificates.caCertificate();
    }

    /** Before a broker starts: the certificate issued when needed, and the broker's key store written into its conf. */
    Path writeKeyStore(Path conf) throws IOException {
        Path keyStore = keyStore(conf);
        certificates.writePemKeyStore(keyStore);
        return keyStore;
    }

    /**
     * The broker's TLS settings, for every TLS listener and its own inter-broker client alike: the PEM key store, and
     * the CA as a PEM trust store. Kafka's default {@code ssl.endpoint.identification.algorithm} (https) makes a
     * broker check the other's name as clients do.
     */
    Map<String, Object> properties(Path conf) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ssl.keystore.type", "PEM");
        p.put("ssl.keystore.location", keyStore(conf));
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", caCertificate());
        return p;
    }

    static Path keyStore(Path conf) {
        return conf.resolve(KEY_STORE);
    }
}
