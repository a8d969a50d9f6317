package dev.rideops.stack.secrets;

import dev.rideops.clients.http.ClientTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * A local server's certificate, for {@code security.tls}: signed by the home's {@link LocalCa}, naming 127.0.0.1 and
 * localhost (where every local server listens), as PEM files: {@code <stem>.crt} (the server's certificate, then the
 * CA's) and {@code <stem>.key} (its PKCS#8 key, unencrypted, as PostgreSQL and Kafka's PEM key store read it). One
 * for both PostgreSQL clusters ({@link #postgres}, in the clusters' own secrets directory: 0600 files of the server's
 * user when rideops is root, as PostgreSQL demands of its key), and one each for the Kafka brokers ({@link #kafka}),
 * Kafka Connect's REST API ({@link #connect}), the search node ({@link #search}) and the schema registry
 * ({@link #registry}), in the home's secrets, each
 * server copying it into its own conf in the form it reads ({@link #writePemKeyStore}, {@link #pkcs12KeyStore}).
 * Issued again when missing, not signed by the CA or about to expire.
 *
 * <p>Clients verify the server against the CA's certificate, which is public: a copy of it ({@link #caCertificate},
 * 0644) lies where every client of the stack can read it, whatever user it runs as (the job's TaskManagers, the
 * Connect worker and rideops's background processes run as their own users when rideops is root, and cannot enter
 * {@code $RIDEOPS_HOME/secrets}).
 */
public final class ServerCertificates {

    private final LocalCa ca;
    private final Secrets serverFiles;
    private final String commonName;
    private final String stem;
    private final Path caCertificate;

    /**
     * @param serverFiles where the certificate and key go
     * @param commonName the certificate's subject's CN: which server it is, for whoever reads the chain
     * @param stem the files' names without {@code .crt} and {@code .key}
     * @param caCertificate where the public copy of the CA's certificate goes
     */
    public ServerCertificates(LocalCa ca, Secrets serverFiles, String commonName, String stem, Path caCertificate) {
        this.ca = ca;
        this.serverFiles = serverFiles;
        this.commonName = commonName;
        this.stem = stem;
        this.caCertificate = caCertificate;
    }

    /** Both PostgreSQL clusters': {@code server.crt} and {@code server.key} in the clusters' own secrets directory. */
    public static ServerCertificates postgres(LocalCa ca, Secrets clusterFiles, Path caCertificate) {
        return new ServerCertificates(ca, clusterFiles, "postgres", "server", caCertificate);
    }

    /** The Kafka brokers': {@code kafka-server.crt} and {@code kafka-server.key} in the home's secrets. */
    public static ServerCertificates kafka(LocalCa ca, Secrets homeSecrets, Path caCertificate) {
        return new ServerCertificates(ca, homeSecrets, "kafka", "kafka-server", caCertificate);
    }

    /** Kafka Connect's REST API's: {@code connect-rest-server.crt} and {@code .key} in the home's secrets. */
    public static ServerCertificates connect(LocalCa ca, Secrets homeSecrets, Path caCertificate) {
        return new ServerCertificates(ca, homeSecrets, "connect", "connect-rest-server", caCertificate);
    }

    /** The search node's REST API's: {@code search-server.crt} and {@code .key} in the home's secrets. */
    public static ServerCertificates search(LocalCa ca, Secrets homeSecrets, Path caCertificate) {
        return new ServerCertificates(ca, homeSecrets, "search", "search-server", caCertificate);
    }

    /** The schema registry's REST API's: {@code registry-server.crt} and {@code .key} in the home's secrets. */
    public static ServerCertificates registry(LocalCa ca, Secrets homeSecrets, Path caCertificate) {
        return new ServerCertificates(ca, homeSecrets, "registry", "registry-server", caCertificate);
    }

    public Path certificate() {
        return serverFiles.file(stem + ".crt");
    }

    public Path key() {
        return serverFiles.file(stem + ".key");
    }

    /** The CA's certificate, readable by every user: what clients verify the servers with. */
    public Path caCertificate() {
        return caCertificate;
    }

    /**
     * How the stack's probe of a server with this certificate speaks to it: trusting the home's CA alone.
     *
     * @param what the server, as messages name it
     * @param service the service {@code rideops restart} issues the certificate again for
     */
    public ClientTls probeTls(String what, String service) {
        return ClientTls.trustingPem(
                what,
                caCertificate,
                "its certificate is issued again, signed by the home's CA, on 'rideops restart " + service + "'");
    }

    /** Creates what is missing or unusable, keeps the rest; the public copy of the CA's certificate is kept current. */
    public synchronized void ensure() {
        try {
            Instant now = Instant.now();
            LocalCa.Loaded loaded = ca.ensure(now);
            X509Certificate caCert = loaded.ca().certificate();
            if (loaded.created() || !current(caCert, now)) {
                LocalCa.Issued server = LocalCa.issue(loaded.ca(), commonName, KeyPurposeId.id_kp_serverAuth, now);
                // the key first: a certificate beside a key it does not match would keep the server from starting
                serverFiles.storeFile(
                        key().getFileName().toString(),
                        LocalCa.pem("PRIVATE KEY", server.key().getEncoded()));
                serverFiles.storeFile(
                        certificate().getFileName().toString(),
                        LocalCa.pem("CERTIFICATE", server.certificate().getEncoded())
                                + LocalCa.pem("CERTIFICATE", caCert.getEncoded()));
            }
            writePublic(caCertificate, LocalCa.pem("CERTIFICATE", caCert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the " + commonName + " certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + caCertificate + ": " + e.getMessage(), e);
        }
    }

    /**
     * Before a server starts: the certificate issued when needed, and its key followed by its chain written to
     * {@code keyStore} (0600), one PEM file without a password, as Kafka's PEM key store and the search node read it.
     */
    public void writePemKeyStore(Path keyStore) throws IOException {
        ensure();
        Secrets.writeOwnerOnly(
                keyStore,
                Files.readString(key(), StandardCharsets.US_ASCII)
                        + Files.readString(certificate(), StandardCharsets.US_ASCII));
    }

    /**
     * The certificate (issued when needed) as a PKCS12 key store: key and chain, under {@code password}, for a server
     * that reads no PEM (Jetty, in Kafka Connect's REST API).
     */
    public byte[] pkcs12KeyStore(String password) {
        ensure();
        try {
            List<X509Certificate> chain = certificates(certificate());
            byte[] der = Base64.getMimeDecoder()
                    .decode(Files.readString(key(), StandardCharsets.US_ASCII)
                            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
            PrivateKey key = KeyFactory.getInstance(chain.get(0).getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            return LocalCa.keystore(commonName, key, password, chain.toArray(X509Certificate[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + commonName + " certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the " + commonName + " key: " + e.getMessage(), e);
        }
    }

    /** The CA's certificate as a PKCS12 trust store under {@code password}, for the same kind of server. */
    public byte[] pkcs12TrustStore(String password) {
        ensure();
        try {
            List<X509Certificate> chain = certificates(certificate());
            return LocalCa.truststore(password, chain.get(chain.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + commonName + " certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the local CA: " + e.getMessage(), e);
        }
    }

    /** The certificates of a PEM file, in order (a certificate file: the server's, then the CA's). */
    private static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        }
    }

    /** Whether both files are there and the certificate is the CA's and not about to expire. */
    private boolean current(X509Certificate caCert, Instant now) {
        if (!Files.isRegularFile(key(), LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(certificate(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(certificate())) {
            X509Certificate server =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return LocalCa.signedAndCurrent(server, caCert, now);
        } catch (IOException | GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The CA's certificate, 0644 in a 0755 directory, replaced in one move so no client reads half of it. One lock for
     * every server's certificates: PostgreSQL's and Kafka's are ensured side by side, through the same temporary file.
     */
    private static synchronized void writePublic(Path caCertificate, String pem) throws IOException {
        if (Files.isRegularFile(caCertificate, LinkOption.NOFOLLOW_LINKS)
                && Files.readString(caCertificate, StandardCharsets.UTF_8).equals(pem)) {
            return;
        }
        Path dir = caCertificate.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path temp = dir.resolve("." + caCertificate.getFileName() + ".new");
        Files.deleteIfExists(temp);
        Files.writeString(temp, pem, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, caCertificate, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
