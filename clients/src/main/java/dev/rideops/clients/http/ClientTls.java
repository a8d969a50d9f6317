package dev.rideops.clients.http;

import dev.rideops.clients.ClientException;
import dev.rideops.contract.PemTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a client speaks TLS to one server: the certificate it presents (a PKCS12 keystore; none for a server that
 * does not ask) and the certificates it trusts (a PKCS12 truststore or a PEM file of CA certificates; none: the JDK's
 * own CAs). The one place an
 * {@link SSLContext} is built from files and passwords, for the CLI (from config) and the stack's probes alike.
 * Nothing is read until a call needs it, so a command that never talks to the server never fails on its files; the
 * HTTP client built from them is kept per files and passwords, so polls do not reload the stores.
 *
 * @param what the server, as messages name it ("Flink REST")
 * @param keystore the client certificate, or null
 * @param truststore the trusted certificates, or null
 * @param fix what to do when the handshake fails (the settings that name these files)
 */
public record ClientTls(String what, Store keystore, Store truststore, String fix) {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Map<Key, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    /** How a store's file is written. */
    public enum Format {
        /** A PKCS12 store, opened with its password. */
        PKCS12,
        /** CA certificates as PEM (a truststore only): public, no password. */
        PEM
    }

    /**
     * One store's file and its password.
     *
     * @param fix what to do when it cannot be read: the settings that name it, or the command that re-creates it
     */
    public record Store(Path file, String password, String fix, Format format) {

        public Store {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(format, "format");
            password = password == null ? "" : password;
        }

        /** A PKCS12 store. */
        public Store(Path file, String password, String fix) {
            this(file, password, fix, Format.PKCS12);
        }

        /** CA certificates in a PEM file, to trust. */
        public static Store pemCertificates(Path file, String fix) {
            return new Store(file, "", fix, Format.PEM);
        }

        @Override
        public String toString() {
            return "Store[" + file + ", password=****]";
        }
    }

    /**
     * Trust in the CA certificates of a PEM file alone, no client certificate: an https server that verifies no
     * client (Kafka Connect's REST API, the search node).
     *
     * @param fix the setting that names the file, as messages about it or a failed handshake say
     */
    public static ClientTls trustingPem(String what, Path caPem, String fix) {
        return new ClientTls(what, null, Store.pemCertificates(caPem, fix), fix);
    }

    /** The stores' files as they are now: a store re-created on disk gets a new client. */
    private record Key(Store keystore, Store truststore, long keystoreModified, long truststoreModified) {}

    /** The HTTP client that speaks TLS with these stores (cached); a ClientException naming the file at fault. */
    public HttpClient httpClient() {
        Key key = new Key(keystore, truststore, modified(keystore), modified(truststore));
        HttpClient cached = CLIENTS.get(key);
        if (cached != null) {
            return cached;
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(sslContext())
                .build();
        CLIENTS.put(key, client);
        return client;
    }

    /** The SSL context of these stores; a ClientException naming the file and what to fix when one is unusable. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = null;
            if (keystore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keystore, "client keystore"), keystore.password().toCharArray());
            }
            TrustManagerFactory trust = null;
            if (truststore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore, "truststore"));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new ClientException(
                    what + ": the key in the client keystore " + keystore.file() + " does not open with its password",
                    keystore.fix());
        } catch (GeneralSecurityException e) {
            throw new ClientException(what + ": cannot set up TLS: " + e.getMessage(), fix);
        }
    }

    private KeyStore load(Store store, String role) throws GeneralSecurityException {
        if (store.format() == Format.PEM) {
            return loadPem(store, role);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store.file())) {
            keyStore.load(in, store.password().toCharArray());
            return keyStore;
        } catch (NoSuchFileException e) {
            throw new ClientException(what + ": the " + role + " " + store.file() + " does not exist", store.fix());
        } catch (IOException e) {
            // PKCS12 says a wrong password as an IOException whose cause is UnrecoverableKeyException
            String why = e.getCause() instanceof UnrecoverableKeyException
                    ? "its password is wrong"
                    : String.valueOf(e.getMessage());
            throw new ClientException(
                    what + ": cannot read the " + role + " " + store.file() + " (" + why + ")", store.fix());
        }
    }

    private KeyStore loadPem(Store store, String role) {
        try {
            return PemTrust.trustStore(store.file());
        } catch (NoSuchFileException e) {
            throw new ClientException(what + ": the " + role + " " + store.file() + " does not exist", store.fix());
        } catch (IOException | GeneralSecurityException e) {
            throw new ClientException(
                    what + ": cannot read the CA certificates in " + store.file() + " (" + e.getMessage() + ")",
                    store.fix());
        }
    }

    private static long modified(Store store) {
        try {
            return store == null ? 0 : Files.getLastModifiedTime(store.file()).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "ClientTls[" + what + ", keystore=" + keystore + ", truststore=" + truststore + "]";
    }
}
