package dev.rideops.stack.secrets;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
 * The home's one local CA, under {@code $RIDEOPS_HOME/secrets}: its key and certificate in a PKCS12 store (password:
 * the secret {@link Secrets#FLINK_CA}) and its certificate as PEM. It signs every certificate the stack serves or
 * shows: the Flink REST API's ({@link FlinkRestCertificates}) and, with {@code security.tls}, PostgreSQL's and the
 * Kafka brokers' ({@link ServerCertificates}). The files keep the names they had when Flink's REST API was its only
 * user, so a home made then keeps its CA. Created on first use; one that is missing, unreadable or about to expire is made again,
 * and then every certificate it signed is issued again by its owner (each checks its chain on every start).
 *
 * <p>EC P-256 keys and SHA256withECDSA, built with BouncyCastle's X.509 builder and signed and stored by the JDK, so
 * no security provider is registered.
 */
public final class LocalCa {

    public static final String STORE = "flink-ca.p12";
    /** The CA's certificate alone: what every client of the stack's TLS trusts. */
    public static final String PEM = "flink-ca.pem";

    static final String ALIAS = "rideops-ca";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    /** Re-issued before this much validity is left, so a running server never meets an expired certificate. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key and its certificate: the CA, or a leaf just issued. */
    public record Issued(PrivateKey key, X509Certificate certificate) {}

    /** The CA, and whether it was made just now (so everything it signs must be issued again). */
    public record Loaded(Issued ca, boolean created) {}

    private final Secrets secrets;
    private final Supplier<String> password;

    /** @param password the CA store's, looked up when needed: the home's generated secret {@link Secrets#FLINK_CA} */
    public LocalCa(Secrets secrets, Supplier<String> password) {
        this.secrets = secrets;
        this.password = password;
    }

    public Path store() {
        return secrets.file(STORE);
    }

    public Path pem() {
        return secrets.file(PEM);
    }

    /** The stored CA, else a new one, stored; its PEM written again when missing. */
    public Loaded ensure(Instant now) throws GeneralSecurityException {
        synchronized (LocalCa.class) {
            String password = this.password.get();
            Optional<Issued> stored = loadCa(password, now);
            Issued ca = stored.orElseGet(() -> newCa(now));
            if (stored.isEmpty()) {
                secrets.storeFile(STORE, keystore(ALIAS, ca.key(), password, ca.certificate()));
            }
            if (stored.isEmpty() || !Files.isRegularFile(pem(), LinkOption.NOFOLLOW_LINKS)) {
                secrets.storeFile(PEM, pem("CERTIFICATE", ca.certificate().getEncoded()));
            }
            return new Loaded(ca, stored.isEmpty());
        }
    }

    private Optional<Issued> loadCa(String password, Instant now) throws GeneralSecurityException {
        Optional<KeyStore> store = load(store(), password);
        if (store.isEmpty() || !store.get().isKeyEntry(ALIAS)) {
            return Optional.empty();
        }
        X509Certificate certificate = (X509Certificate) store.get().getCertificate(ALIAS);
        if (expiresSoon(certificate, now)) {
            return Optional.empty();
        }
        return Optional.of(new Issued((PrivateKey) store.get().getKey(ALIAS, password.toCharArray()), certificate));
    }

    /**
     * A new key and certificate named {@code commonName}, for {@code purpose} only (the JDK checks it on both sides:
     * a client certificate cannot serve), signed by {@code ca}. A server's names 127.0.0.1 and localhost, where every
     * local server listens, so clients verify the host too.
     */
    public static Issued issue(Issued ca, String commonName, KeyPurposeId purpose, Instant now)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "rideops")
                .addRDN(BCStyle.CN, commonName)
                .build();
        X500Name issuer =
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, subject, keys, now, LEAF_VALIDITY);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca.certificate()));
            if (purpose.equals(KeyPurposeId.id_kp_serverAuth)) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the certificate " + commonName + ": " + e.getMessage(), e);
        }
        return new Issued(keys.getPrivate(), sign(builder, ca.key()));
    }

    /** Whether {@code leaf} was signed by {@code ca} and is not about to expire. */
    public static boolean signedAndCurrent(X509Certificate leaf, X509Certificate ca, Instant now) {
        try {
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

    private static Issued newCa(Instant now) {
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
            return new Issued(keys.getPrivate(), sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the local CA: " + e.getMessage(), e);
        }
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

    /** A PKCS12 store of one key entry; the key's password is the store's. */
    static byte[] keystore(String alias, PrivateKey key, String password, X509Certificate... chain)
            throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry(alias, key, password.toCharArray(), (Certificate[]) chain);
        return bytes(store, password, KEYSTORE_PROTECTION);
    }

    /** A PKCS12 store holding the CA's certificate alone. */
    static byte[] truststore(String password, X509Certificate ca) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry(ALIAS, ca);
        return bytes(store, password, TRUSTSTORE_PROTECTION);
    }

    /*
     * How the stores are protected. The JDK's defaults (10,000 PBKDF2 iterations for the MAC, the key and the
     * certificates) made loading them most of a short command's CPU: every command that builds the stack checks them,
     * about 55 ms a store on the CLI's JIT tier, and status loads five. Here the passwords are random secrets beside
     * the stores (0600 files in the same directory), so iterations add nothing against a guess: each store keeps its
     * MAC (a wrong password still fails to load: the store is issued again, or the setting named) and a key its
     * encryption, at 1,000 iterations; certificates, all public, are stored in the clear. The JDK reads these when it
     * writes a store; stores written before keep theirs.
     */
    private static final Map<String, String> KEYSTORE_PROTECTION = Map.of(
            "keystore.pkcs12.certProtectionAlgorithm", "NONE",
            "keystore.pkcs12.macIterationCount", "1000",
            "keystore.pkcs12.keyPbeIterationCount", "1000");
    private static final Map<String, String> TRUSTSTORE_PROTECTION =
            Map.of("keystore.pkcs12.certProtectionAlgorithm", "NONE", "keystore.pkcs12.macIterationCount", "1000");

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private static byte[] bytes(KeyStore store, String password, Map<String, String> protection)
            throws GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // system properties are the JDK's only way to say it: set for this write alone, one write at a time
        synchronized (LocalCa.class) {
            Map<String, String> before = new HashMap<>();
            protection.forEach((key, value) -> before.put(key, System.setProperty(key, value)));
            try {
                store.store(out, password.toCharArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                before.forEach((key, value) -> {
                    if (value == null) {
                        System.clearProperty(key);
                    } else {
                        System.setProperty(key, value);
                    }
                });
            }
        }
        return out.toByteArray();
    }

    /** DER as PEM, 64 characters a line, as OpenSSL (PostgreSQL, curl) reads it. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
