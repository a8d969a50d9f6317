package dev.rideops.stack.secrets;

import dev.rideops.clients.http.ClientTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of the local Flink REST API's mutual TLS, under {@code $RIDEOPS_HOME/secrets} (files 0600 in the
 * 0700 directory, through {@link Secrets}): a local CA, the REST server's certificate (SAN 127.0.0.1 and localhost)
 * and rideops's client certificate, both signed by it, in PKCS12 stores whose passwords are secrets like the others.
 * Created on the first start, reused after; whatever is missing, unreadable with its password, not signed by the CA
 * or about to expire is issued again (a new CA re-issues everything). Also as PEM for curl: the CA's certificate,
 * and the client's certificate with its key.
 *
 * <p>EC P-256 keys and SHA256withECDSA, built with BouncyCastle's X.509 builder and signed and stored by the JDK, so
 * no security provider is registered.
 */
public final class FlinkRestCertificates {

    public static final String CA_STORE = "flink-ca.p12";
    public static final String CA_PEM = "flink-ca.pem";
    public static final String SERVER_STORE = "flink-rest-server.p12";
    public static final String CLIENT_STORE = "flink-rest-client.p12";
    /** The client's certificate and its key, for {@code curl --cert}. */
    public static final String CLIENT_PEM = "flink-rest-client.pem";
    /** The CA's certificate alone: what both the REST server and its clients trust. */
    public static final String TRUSTSTORE = "flink-rest-truststore.p12";

    /** The alias of the one key entry of each keystore. */
    static final String KEY_ALIAS = "flink-rest";

    static final String CA_ALIAS = "rideops-ca";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    /** Re-issued before this much validity is left, so a running cluster never meets an expired certificate. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** A key and its certificate: the CA, or a leaf just issued. */
    private record Issuer(PrivateKey key, X509Certificate certificate) {}

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
            String caPassword = passwords.apply(Secrets.FLINK_CA);
            Optional<Issuer> stored = loadIssuer(caPassword, now);
            boolean newCa = stored.isEmpty();
            Issuer ca = stored.orElseGet(() -> newCa(now));
            if (newCa) {
                secrets.storeFile(CA_STORE, keystore(CA_ALIAS, ca.key(), caPassword, ca.certificate()));
            }
            if (newCa || !Files.isRegularFile(caPem(), LinkOption.NOFOLLOW_LINKS)) {
                secrets.storeFile(CA_PEM, pem("CERTIFICATE", ca.certificate().getEncoded()));
            }
            String trustPassword = truststorePassword();
            if (newCa || !trusts(trustPassword, ca.certificate())) {
                secrets.storeFile(TRUSTSTORE, truststore(trustPassword, ca.certificate()));
            }
            String serverPassword = serverPassword();
            if (newCa || !holdsValidLeaf(serverStore(), serverPassword, ca.certificate(), now)) {
                issue(ca, Role.SERVER, SERVER_STORE, serverPassword, now);
            }
            String clientPassword = passwords.apply(Secrets.FLINK_REST_CLIENT);
            boolean clientValid = holdsValidLeaf(clientStore(), clientPassword, ca.certificate(), now);
            if (newCa || !clientValid || !Files.isRegularFile(clientPem(), LinkOption.NOFOLLOW_LINKS)) {
                Issuer client = issue(ca, Role.CLIENT, CLIENT_STORE, clientPassword, now);
                secrets.storeFile(
                        CLIENT_PEM,
                        pem("CERTIFICATE", client.certificate().getEncoded())
                                + pem("PRIVATE KEY", client.key().getEncoded()));
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

    private Optional<Issuer> loadIssuer(String password, Instant now) throws GeneralSecurityException {
        Optional<KeyStore> store = load(caStore(), password);
        if (store.isEmpty() || !store.get().isKeyEntry(CA_ALIAS)) {
            return Optional.empty();
        }
        X509Certificate certificate = (X509Certificate) store.get().getCertificate(CA_ALIAS);
        if (expiresSoon(certificate, now)) {
            return Optional.empty();
        }
        return Optional.of(new Issuer((PrivateKey) store.get().getKey(CA_ALIAS, password.toCharArray()), certificate));
    }

    private boolean trusts(String password, X509Certificate ca) throws GeneralSecurityException {
        Optional<KeyStore> store = load(truststore(), password);
        return store.isPresent() && ca.equals(store.get().getCertificate(CA_ALIAS));
    }

    /** A keystore that opens with its password, whose key's certificate the CA signed and that is not expiring. */
    private static boolean holdsValidLeaf(Path file, String password, X509Certificate ca, Instant now)
            throws GeneralSecurityException {
        Optional<KeyStore> store = load(file, password);
        if (store.isEmpty() || !store.get().isKeyEntry(KEY_ALIAS)) {
            return false;
        }
        try {
            store.get().getKey(KEY_ALIAS, password.toCharArray());
            X509Certificate leaf = (X509Certificate) store.get().getCertificate(KEY_ALIAS);
            leaf.verify(ca.getPublicKey());
            return !expiresSoon(leaf, now);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean expiresSoon(X509Certificate certificate, Instant now) {
        return certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE));
    }

    /** The store at {@code file}, empty when it is missing or does not open with the password. */
    static Optional<KeyStore> load(Path file, String password) throws GeneralSecurityException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
            return Optional.of(store);
        } catch (IOException e) {
            // a wrong password or a damaged file: issued again
            return Optional.empty();
        }
    }

    private static Issuer newCa(Instant now) {
        try {
            KeyPair keys = keyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "rideops")
                    .addRDN(BCStyle.CN, "rideops local CA")
                    .build();
            X509v3CertificateBuilder builder = builder(name, name, keys, now, CA_VALIDITY);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new Issuer(keys.getPrivate(), sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the local CA: " + e.getMessage(), e);
        }
    }

    /** A new key and certificate for {@code role}, signed by the CA, stored with the chain under {@code fileName}. */
    private Issuer issue(Issuer ca, Role role, String fileName, String password, Instant now)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "rideops")
                .addRDN(BCStyle.CN, role.commonName)
                .build();
        X500Name issuer =
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, subject, keys, now, LEAF_VALIDITY);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            // a client certificate cannot serve, nor the server's log in: the JDK checks the purpose on both sides
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(role.purpose));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca.certificate()));
            if (role == Role.SERVER) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the " + role + " certificate: " + e.getMessage(), e);
        }
        X509Certificate certificate = sign(builder, ca.key());
        secrets.storeFile(fileName, keystore(KEY_ALIAS, keys.getPrivate(), password, certificate, ca.certificate()));
        return new Issuer(keys.getPrivate(), certificate);
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys, Instant now, Duration validity) {
        // an hour back: a clock a little behind on the other side still accepts it at once
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static byte[] keystore(String alias, PrivateKey key, String password, X509Certificate... chain)
            throws GeneralSecurityException {
        KeyStore store = emptyStore();
        // the key's password is the store's: Flink's security.ssl.rest.key-password is the same secret
        store.setKeyEntry(alias, key, password.toCharArray(), (Certificate[]) chain);
        return bytes(store, password);
    }

    private static byte[] truststore(String password, X509Certificate ca) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry(CA_ALIAS, ca);
        return bytes(store, password);
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static byte[] bytes(KeyStore store, String password) throws GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            store.store(out, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
