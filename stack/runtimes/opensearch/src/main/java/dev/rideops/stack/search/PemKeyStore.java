package dev.rideops.stack.search;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The node's TLS identity from one PEM file, as rideops writes it into the node's conf: an unencrypted PKCS#8 key,
 * then the node's certificate and the CA's. Unencrypted because the file is the node user's alone (0600): a password
 * would have to lie beside it anyway. Plain JDK, no OpenSearch types, so it is tested without a node.
 */
final class PemKeyStore {

    private static final Pattern KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);

    private PemKeyStore() {}

    /** A server context presenting the key and chain of {@code pem}; the file named in every error. */
    static SSLContext serverContext(Path pem) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            Matcher key = KEY.matcher(text);
            if (!key.find()) {
                throw new IllegalArgumentException("no PRIVATE KEY in the search node's key store " + pem);
            }
            // the JDK's parser takes the first PEM block of any kind for a certificate: the key's goes first
            String certificates = KEY.matcher(text).replaceAll("");
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificates.getBytes(StandardCharsets.US_ASCII)))
                    .toArray(Certificate[]::new);
            if (chain.length == 0) {
                throw new IllegalArgumentException("no CERTIFICATE in the search node's key store " + pem);
            }
            byte[] der = Base64.getMimeDecoder().decode(key.group(1));
            PrivateKey privateKey = KeyFactory.getInstance(
                            chain[0].getPublicKey().getAlgorithm())
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
            // an in-memory store only: its password guards nothing and never leaves this method
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("search", privateKey, password, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the search node's key store " + pem + ": " + e, e);
        }
    }
}
