package dev.rideops.stack.services;

import dev.rideops.clients.http.ClientTls;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka Connect's REST API over https with {@code security.tls}: the worker's listener takes
 * {@link ServerCertificates#connect}'s certificate, and its own REST client (a request forwarded to the leader)
 * verifies the advertised https URL against the home's CA. Connect reads its {@code listeners.https.} settings all
 * or nothing (a single one set means the unprefixed {@code ssl.} keys, the worker's Kafka trust, are not used), and
 * hands them to Jetty, which reads key stores only: so PKCS12 stores, written on every start into the worker's own
 * secrets directory under a new random password, which the worker's {@code file} config provider reads from there,
 * so its properties file holds none.
 */
public final class ConnectRestTls {

    static final String PREFIX = "listeners.https.";
    static final String KEY_STORE = "rest-server.p12";
    static final String TRUST_STORE = "rest-truststore.p12";
    static final String PASSWORD_FILE = "rest-tls.properties";
    private static final String PASSWORD_KEY = "password";

    private final ServerCertificates certificates;

    public ConnectRestTls(ServerCertificates certificates) {
        this.certificates = certificates;
    }

    /** The CA's public certificate, what every client verifies the REST API with. */
    public Path caCertificate() {
        return certificates.caCertificate();
    }

    /** How the stack's probe speaks to the worker: trusting the home's CA alone. */
    ClientTls clientTls() {
        return certificates.probeTls("Kafka Connect", "connect");
    }

    /** Before the worker starts: both stores and their password, in the worker's secrets (0600, its user's). */
    void writeStores(Secrets workerSecrets) throws IOException {
        String password = Secrets.random();
        workerSecrets.storeFile(KEY_STORE, certificates.pkcs12KeyStore(password));
        workerSecrets.storeFile(TRUST_STORE, certificates.pkcs12TrustStore(password));
        Properties file = new Properties();
        file.setProperty(PASSWORD_KEY, password);
        StringWriter text = new StringWriter();
        file.store(text, "the password of this worker's REST TLS stores, written by rideops on every start");
        workerSecrets.storeFile(PASSWORD_FILE, text.toString());
    }

    /** The worker's REST TLS settings; {@code secretsDir} is where {@link #writeStores} wrote. */
    Map<String, Object> properties(Path secretsDir) {
        String password = "${file:" + secretsDir.resolve(PASSWORD_FILE) + ":" + PASSWORD_KEY + "}";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(PREFIX + "ssl.keystore.type", "PKCS12");
        p.put(PREFIX + "ssl.keystore.location", secretsDir.resolve(KEY_STORE));
        p.put(PREFIX + "ssl.keystore.password", password);
        p.put(PREFIX + "ssl.key.password", password);
        p.put(PREFIX + "ssl.truststore.type", "PKCS12");
        p.put(PREFIX + "ssl.truststore.location", secretsDir.resolve(TRUST_STORE));
        p.put(PREFIX + "ssl.truststore.password", password);
        p.put(PREFIX + "ssl.client.auth", "none");
        return p;
    }
}
