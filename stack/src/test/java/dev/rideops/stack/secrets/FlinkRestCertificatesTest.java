package dev.rideops.stack.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkRestCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path home;

    private FlinkRestCertificates certificates(Secrets secrets) {
        return new FlinkRestCertificates(secrets, secrets::getOrCreate);
    }

    @Test
    void theServerAndClientCertificatesChainToTheLocalCaAndOnlyTheirOwnerCanReadAnyFile() throws Exception {
        Secrets secrets = new Secrets(home);
        FlinkRestCertificates certificates = certificates(secrets);

        certificates.ensure();

        X509Certificate ca = (X509Certificate) store(certificates.truststore(), secrets, Secrets.FLINK_REST_TRUSTSTORE)
                .getCertificate(FlinkRestCertificates.CA_ALIAS);
        assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        X509Certificate server = leaf(certificates.serverStore(), secrets, Secrets.FLINK_REST_SERVER);
        X509Certificate client = leaf(certificates.clientStore(), secrets, Secrets.FLINK_REST_CLIENT);
        assertChainsTo(server, ca);
        assertChainsTo(client, ca);
        assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .containsExactlyInAnyOrder("127.0.0.1", "localhost");
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        // what curl is given: the CA's certificate, and the client's certificate with its key
        X509Certificate caPem = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(certificates.caPem()));
        assertThat(caPem).isEqualTo(ca);
        assertThat(Files.readString(certificates.clientPem()))
                .contains("-----BEGIN CERTIFICATE-----")
                .contains("-----BEGIN PRIVATE KEY-----");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.dir())))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(secrets.dir())) {
            List<Path> all = files.toList();
            assertThat(all)
                    .extracting(p -> p.getFileName().toString())
                    .contains(
                            FlinkRestCertificates.CA_STORE,
                            FlinkRestCertificates.CA_PEM,
                            FlinkRestCertificates.SERVER_STORE,
                            FlinkRestCertificates.CLIENT_STORE,
                            FlinkRestCertificates.CLIENT_PEM,
                            FlinkRestCertificates.TRUSTSTORE,
                            Secrets.FLINK_CA,
                            Secrets.FLINK_REST_SERVER,
                            Secrets.FLINK_REST_CLIENT,
                            Secrets.FLINK_REST_TRUSTSTORE);
            for (Path f : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
        // four different random passwords, none of them inside a store (PKCS12 keeps only what they derive)
        Set<String> passwords = Set.of(
                secrets.read(Secrets.FLINK_CA).orElseThrow(),
                secrets.read(Secrets.FLINK_REST_SERVER).orElseThrow(),
                secrets.read(Secrets.FLINK_REST_CLIENT).orElseThrow(),
                secrets.read(Secrets.FLINK_REST_TRUSTSTORE).orElseThrow());
        assertThat(passwords).hasSize(4);
        for (Path store : List.of(
                certificates.caStore(),
                certificates.serverStore(),
                certificates.clientStore(),
                certificates.truststore())) {
            String bytes = Files.readString(store, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(passwords).noneMatch(bytes::contains);
        }
    }

    @Test
    void theNextStartReusesThemAndIssuesAgainOnlyWhatIsMissingOrUnreadable() throws Exception {
        Secrets secrets = new Secrets(home);
        FlinkRestCertificates certificates = certificates(secrets);
        certificates.ensure();
        byte[] ca = Files.readAllBytes(certificates.caStore());
        byte[] server = Files.readAllBytes(certificates.serverStore());
        byte[] client = Files.readAllBytes(certificates.clientStore());

        certificates(new Secrets(home)).ensure();
        assertThat(Files.readAllBytes(certificates.caStore())).isEqualTo(ca);
        assertThat(Files.readAllBytes(certificates.serverStore())).isEqualTo(server);
        assertThat(Files.readAllBytes(certificates.clientStore())).isEqualTo(client);

        Files.delete(certificates.serverStore());
        // the client's password changed (a user's setting): its store no longer opens and is issued again
        secrets.store(Secrets.FLINK_REST_CLIENT, "a-new-client-password");
        certificates.ensure();
        assertThat(Files.readAllBytes(certificates.caStore())).as("same CA").isEqualTo(ca);
        X509Certificate caCert = (X509Certificate)
                store(certificates.caStore(), secrets, Secrets.FLINK_CA).getCertificate(FlinkRestCertificates.CA_ALIAS);
        assertChainsTo(leaf(certificates.serverStore(), secrets, Secrets.FLINK_REST_SERVER), caCert);
        assertChainsTo(leaf(certificates.clientStore(), secrets, Secrets.FLINK_REST_CLIENT), caCert);
        assertThat(Files.readAllBytes(certificates.clientStore())).isNotEqualTo(client);

        Files.delete(certificates.caStore());
        certificates.ensure();
        X509Certificate newCa = (X509Certificate)
                store(certificates.caStore(), secrets, Secrets.FLINK_CA).getCertificate(FlinkRestCertificates.CA_ALIAS);
        assertThat(newCa).isNotEqualTo(caCert);
        assertThat(store(certificates.truststore(), secrets, Secrets.FLINK_REST_TRUSTSTORE)
                        .getCertificate(FlinkRestCertificates.CA_ALIAS))
                .isEqualTo(newCa);
        assertChainsTo(leaf(certificates.serverStore(), secrets, Secrets.FLINK_REST_SERVER), newCa);
        assertChainsTo(leaf(certificates.clientStore(), secrets, Secrets.FLINK_REST_CLIENT), newCa);
    }

    private static KeyStore store(Path file, Secrets secrets, String password) throws Exception {
        return LocalCa.load(file, secrets.read(password).orElseThrow()).orElseThrow();
    }

    private static X509Certificate leaf(Path file, Secrets secrets, String password) throws Exception {
        KeyStore store = store(file, secrets, password);
        assertThat(store.getKey(
                        FlinkRestCertificates.KEY_ALIAS,
                        secrets.read(password).orElseThrow().toCharArray()))
                .as("the key opens with the store's password")
                .isNotNull();
        return (X509Certificate) store.getCertificate(FlinkRestCertificates.KEY_ALIAS);
    }

    private static void assertChainsTo(X509Certificate leaf, X509Certificate ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }
}
