package dev.rideops.stack.secrets;

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
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * A local server's certificate, for {@code security.tls}: signed by the home's {@link LocalCa}, naming 127.0.0.1 and
 * localhost (where every local server listens), as PEM files: {@code <stem>.crt} (the server's certificate, then the
 * CA's) and {@code <stem>.key} (its PKCS#8 key, unencrypted, as PostgreSQL and Kafka's PEM key store read it). One
 * for both PostgreSQL clusters ({@link #postgres}, in the clusters' own secrets directory: 0600 files of the server's
 * user when rideops is root, as PostgreSQL demands of its key) and one for the Kafka brokers ({@link #kafka}, in the
 * home's secrets, each broker copying it into its own conf). Issued again when missing, not signed by the CA or about
 * to expire.
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
