package dev.rideops.stack.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.os.ServerUser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final boolean ROOT = System.getProperty("user.name").equals("root");

    @TempDir
    Path home;

    private ServerCertificates certificates() {
        Secrets stored = new Secrets(home);
        return ServerCertificates.postgres(
                new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA)),
                // as root the clusters' files are their server user's: nobody stands in for rideops-postgres
                Secrets.ofService(home.resolve("postgres/tls"), Optional.of(ServerUser.named(ROOT, "nobody"))),
                home.resolve("services/tls/ca.pem"));
    }

    @Test
    void theServerCertificateNamesTheLocalAddressesAndChainsToTheCaFlinksRestApiUsesToo() throws Exception {
        Secrets stored = new Secrets(home);
        new FlinkRestCertificates(stored, stored::getOrCreate).ensure();
        ServerCertificates certificates = certificates();

        certificates.ensure();

        X509Certificate ca = certificate(home.resolve("secrets").resolve(LocalCa.PEM));
        List<X509Certificate> chain = chain(certificates.certificate());
        X509Certificate server = chain.get(0);
        assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .containsExactlyInAnyOrder("127.0.0.1", "localhost");
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(chain.get(1)).as("the CA follows the server's certificate").isEqualTo(ca);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);
        // the key is the certificate's: what it signs, the certificate's public key verifies
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key(certificates.key()));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(server.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        // the public copy is the CA's certificate
        assertThat(certificate(certificates.caCertificate())).isEqualTo(ca);
    }

    @Test
    void theKafkaBrokersHaveTheirOwnCertificateInTheHomesSecretsWithTheSameNamesAndCa() throws Exception {
        Secrets stored = new Secrets(home);
        ServerCertificates postgres = certificates();
        ServerCertificates kafka = ServerCertificates.kafka(
                new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA)),
                stored,
                home.resolve("services/tls/ca.pem"));

        postgres.ensure();
        kafka.ensure();

        assertThat(kafka.certificate()).isEqualTo(home.resolve("secrets/kafka-server.crt"));
        assertThat(kafka.key()).isEqualTo(home.resolve("secrets/kafka-server.key"));
        assertThat(mode(kafka.key())).isEqualTo("rw-------");
        X509Certificate broker = chain(kafka.certificate()).get(0);
        assertThat(broker.getSubjectX500Principal().getName()).contains("CN=kafka");
        assertThat(broker.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .containsExactlyInAnyOrder("127.0.0.1", "localhost");
        assertThat(broker.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(broker).isNotEqualTo(chain(postgres.certificate()).get(0));
        assertThat(chain(kafka.certificate()).get(1))
                .as("one CA signs both")
                .isEqualTo(chain(postgres.certificate()).get(1))
                .isEqualTo(certificate(kafka.caCertificate()));
    }

    @Test
    void connectAndTheSearchNodeHaveTheirOwnCertificatesOfTheSameCaAndConnectsAlsoAsPkcs12Stores() throws Exception {
        Secrets stored = new Secrets(home);
        LocalCa ca = new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA));
        Path caCopy = home.resolve("services/tls/ca.pem");
        ServerCertificates connect = ServerCertificates.connect(ca, stored, caCopy);
        ServerCertificates search = ServerCertificates.search(ca, stored, caCopy);

        byte[] keyStore = connect.pkcs12KeyStore("store-pw");
        byte[] trustStore = connect.pkcs12TrustStore("store-pw");
        search.ensure();

        assertThat(connect.certificate()).isEqualTo(home.resolve("secrets/connect-rest-server.crt"));
        assertThat(search.certificate()).isEqualTo(home.resolve("secrets/search-server.crt"));
        assertThat(chain(connect.certificate()).get(0).getSubjectX500Principal().getName())
                .contains("CN=connect");
        assertThat(chain(search.certificate()).get(0).getSubjectX500Principal().getName())
                .contains("CN=search");
        assertThat(chain(search.certificate()).get(1)).isEqualTo(certificate(caCopy));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(new ByteArrayInputStream(keyStore), "store-pw".toCharArray());
        String alias = keys.aliases().nextElement();
        assertThat(keys.getCertificateChain(alias))
                .as("the key store holds the key with the chain as the files have it")
                .containsExactlyElementsOf(chain(connect.certificate()));
        assertThat(keys.getKey(alias, "store-pw".toCharArray()).getEncoded())
                .isEqualTo(Base64.getMimeDecoder()
                        .decode(Files.readString(connect.key()).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(new ByteArrayInputStream(trustStore), "store-pw".toCharArray());
        assertThat(trusted.getCertificate(trusted.aliases().nextElement())).isEqualTo(certificate(caCopy));
    }

    @Test
    void theKeyIsTheServerUsersAloneAndTheCaCertificateEveryonesToRead() throws Exception {
        ServerCertificates certificates = certificates();

        certificates.ensure();

        for (Path file : List.of(certificates.key(), certificates.certificate())) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            assertThat(Files.getOwner(file).getName()).isEqualTo(ROOT ? "nobody" : System.getProperty("user.name"));
        }
        assertThat(mode(certificates.key().getParent())).isEqualTo(ROOT ? "rwx--x--x" : "rwx------");
        assertThat(mode(certificates.caCertificate())).isEqualTo("rw-r--r--");
        assertThat(mode(certificates.caCertificate().getParent())).isEqualTo("rwxr-xr-x");
        assertThat(Files.readString(certificates.caCertificate())).doesNotContain("PRIVATE KEY");
        assertThat(mode(home.resolve("secrets").resolve(LocalCa.STORE))).isEqualTo("rw-------");
    }

    @Test
    void theNextStartKeepsThemAndANewCaIssuesThemAgain() throws Exception {
        ServerCertificates certificates = certificates();
        certificates.ensure();
        String key = Files.readString(certificates.key());
        String certificate = Files.readString(certificates.certificate());

        certificates().ensure();
        assertThat(Files.readString(certificates.key())).isEqualTo(key);
        assertThat(Files.readString(certificates.certificate())).isEqualTo(certificate);

        Files.delete(home.resolve("secrets").resolve(LocalCa.STORE));
        certificates().ensure();
        X509Certificate newCa = certificate(home.resolve("secrets").resolve(LocalCa.PEM));
        assertThat(Files.readString(certificates.key())).isNotEqualTo(key);
        assertThat(chain(certificates.certificate()).get(1)).isEqualTo(newCa);
        assertThat(certificate(certificates.caCertificate()))
                .as("clients get the new CA")
                .isEqualTo(newCa);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return chain(pem).get(0);
    }

    private static List<X509Certificate> chain(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        }
    }

    private static PrivateKey key(Path pem) throws Exception {
        String body = Files.readString(pem, StandardCharsets.US_ASCII)
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
