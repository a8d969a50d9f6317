package dev.rideops.stack.secrets;

import dev.rideops.clients.http.ClientTls;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The certificates of the local Flink REST API's mutual TLS, under {@code $RIDEOPS_HOME/secrets} (files 0600 in the
 * 0700 directory, through {@link Secrets}): the REST server's certificate (SAN 127.0.0.1 and localhost) and rideops's
 * client certificate, both signed by the home's {@link LocalCa}, in PKCS12 stores whose passwords are secrets like the
 * others. Created on the first start, reused after; whatever is missing, unreadable with its password, not signed by
 * the CA or about to expire is issued again (a new CA re-issues everything). Also as PEM for curl: the CA's
 * certificate, and the client's certificate with its key.
 */
public final class FlinkRestCertificates {

    public static final String CA_STORE = LocalCa.STORE;
    public static final String CA_PEM = LocalCa.PEM;
    public static final String SERVER_STORE = "flink-rest-server.p12";
    public static final String CLIENT_STORE = "flink-rest-client.p12";
    /** The client's certificate and its key, for {@code curl --cert}. */
    public static final String CLIENT_PEM = "flink-rest-client.pem";
    /** The CA's certificate alone: what both the REST server and its clients trust. */
    public static final String TRUSTSTORE = "flink-rest-truststore.p12";

    /** The alias of the one key entry of each keystore. */
    static final String KEY_ALIAS = "flink-rest";

    static final String CA_ALIAS = LocalCa.ALIAS;

    /** Which certificate a leaf is: who may present it. */
    enum Role {
        SERVER("flink-rest", KeyPurposeId.id_kp_serverAuth),
        CLIENT("rideops", KeyPurposeId.id_kp_clientAuth);

        private final String commonName;
        private final KeyPurposeId purpose;

        Role(String commonName, KeyPurposeId purpose) {
            this.commonName = commonName;
            this.purpose = purpose;
        }
    }

    private final Secrets secrets;
    private final Function<String, String> passwords;

    /**
     * @param passwords a store's password by its secret's name ({@link Secrets#FLINK_CA}, {@link
     *     Secrets#FLINK_REST_SERVER}, {@link Secrets#FLINK_REST_CLIENT}, {@link Secrets#FLINK_REST_TRUSTSTORE}): the
     *     user's setting where there is one, else the home's generated secret
     */
    public FlinkRestCertificates(Secrets secrets, Function<String, String> passwords) {
        this.secrets = secrets;
        this.passwords = passwords;
    }

    public Path caStore() {
        return secrets.file(CA_STORE);
    }

    public Path caPem() {
        return secrets.file(CA_PEM);
    }

    public Path serverStore() {
        return secrets.file(SERVER_STORE);
    }

    public Path clientStore() {
        return secrets.file(CLIENT_STORE);
    }

    public Path clientPem() {
        return secrets.file(CLIENT_PEM);
    }

    public Path truststore() {
        return secrets.file(TRUSTSTORE);
    }

    public String serverPassword() {
        return passwords.apply(Secrets.FLINK_REST_SERVER);
    }

    public String truststorePassword() {
        return passwords.apply(Secrets.FLINK_REST_TRUSTSTORE);
    }

    /** Creates what is missing or unusable, keeps the rest. */
    public synchronized void ensure() {
        try {
            Instant now = Instant.now();
            LocalCa.Loaded loaded = new LocalCa(secrets, () -> passwords.apply(Secrets.FLINK_CA)).ensure(now);
            LocalCa.Issued ca = loaded.ca();
            boolean newCa = loaded.created();
            String trustPassword = truststorePassword();
            if (newCa || !trusts(trustPassword, ca.certificate())) {
                secrets.storeFile(TRUSTSTORE, LocalCa.truststore(trustPassword, ca.certificate()));
            }
            String serverPassword = serverPassword();
            if (newCa || !holdsValidLeaf(serverStore(), serverPassword, ca.certificate(), now)) {
                issue(ca, Role.SERVER, SERVER_STORE, serverPassword, now);
            }
            String clientPassword = passwords.apply(Secrets.FLINK_REST_CLIENT);
            boolean clientValid = holdsValidLeaf(clientStore(), clientPassword, ca.certificate(), now);
            if (newCa || !clientValid || !Files.isRegularFile(clientPem(), LinkOption.NOFOLLOW_LINKS)) {
                LocalCa.Issued client = issue(ca, Role.CLIENT, CLIENT_STORE, clientPassword, now);
                secrets.storeFile(
                        CLIENT_PEM,
                        LocalCa.pem("CERTIFICATE", client.certificate().getEncoded())
                                + LocalCa.pem("PRIVATE KEY", client.key().getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the Flink REST certificates: " + e.getMessage(), e);
        }
    }

    /**
     * How the stack's own probes reach the REST API: rideops's client certificate and the CA. The CLI builds the same
     * from its settings ({@code flink.client-keystore}, {@code flink.truststore}).
     */
    public ClientTls clientTls() {
        String fix = "'rideops restart flink-jobmanager' issues the local Flink REST certificates again";
        return new ClientTls(
                "Flink REST",
                new ClientTls.Store(clientStore(), passwords.apply(Secrets.FLINK_REST_CLIENT), fix),
                new ClientTls.Store(truststore(), truststorePassword(), fix),
                fix);
    }

    private boolean trusts(String password, X509Certificate ca) throws GeneralSecurityException {
        Optional<KeyStore> store = LocalCa.load(truststore(), password);
        return store.isPresent() && ca.equals(store.get().getCertificate(CA_ALIAS));
    }

    /** A keystore that opens with its password, whose key's certificate the CA signed and that is not expiring. */
    private static boolean holdsValidLeaf(Path file, String password, X509Certificate ca, Instant now)
            throws GeneralSecurityException {
        Optional<KeyStore> store = LocalCa.load(file, password);
        if (store.isEmpty() || !store.get().isKeyEntry(KEY_ALIAS)) {
            return false;
        }
        try {
            store.get().getKey(KEY_ALIAS, password.toCharArray());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return LocalCa.signedAndCurrent((X509Certificate) store.get().getCertificate(KEY_ALIAS), ca, now);
    }

    /** A new key and certificate for {@code role}, signed by the CA, stored with the chain under {@code fileName}. */
    private LocalCa.Issued issue(LocalCa.Issued ca, Role role, String fileName, String password, Instant now)
            throws GeneralSecurityException {
        LocalCa.Issued leaf = LocalCa.issue(ca, role.commonName, role.purpose, now);
        // the key's password is the store's: Flink's security.ssl.rest.key-password is the same secret
        secrets.storeFile(
                fileName, LocalCa.keystore(KEY_ALIAS, leaf.key(), password, leaf.certificate(), ca.certificate()));
        return leaf;
    }
}
