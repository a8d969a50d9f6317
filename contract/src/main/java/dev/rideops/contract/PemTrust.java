package dev.rideops.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust in the CA certificates of a PEM file (the local CA's public copy with {@code security.tls}, or a remote
 * server's CA): what every HTTPS client of rideops and its job verifies a server with. A PEM file holds no secret, so
 * it needs no password, and the same file serves Kafka's PEM trust store, JDBC's {@code sslrootcert} and curl's
 * {@code --cacert}.
 */
public final class PemTrust {

    private PemTrust() {}

    /**
     * The certificates of {@code pem} in an in-memory trust store.
     *
     * @throws java.nio.file.NoSuchFileException when the file is missing
     * @throws GeneralSecurityException when it holds no certificate, or one that does not parse
     */
    public static KeyStore trustStore(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    /** A TLS context that trusts the certificates of {@code pem} and nothing else (no client certificate). */
    public static SSLContext sslContext(Path pem) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore(pem));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
