package dev.rideops.job.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.contract.CdcAvro;
import dev.rideops.job.credentials.Credential;
import dev.rideops.stack.secrets.LocalCa;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import io.apicurio.registry.utils.converter.AvroConverter;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry over https ({@code security.tls}): Apicurio's converter, configured as the connector is for an https
 * registry ({@link CdcAvro#trustedCa}), registers its schema trusting the CA file it is given, and the job reads it
 * back trusting the file of {@code --registry.ssl-ca}; a registry of another CA is refused by both before any request
 * reaches it, and a CA file the job cannot read stops it naming the argument. The registry is a {@link FakeRegistry}
 * with a certificate of the stack's own CA.
 */
class RegistryTlsTest {

    private static final String TOPIC = "rideops.public.tls_check";

    @TempDir
    Path home;

    private FakeRegistry registry;
    private Path ca;

    @BeforeEach
    void aRegistryServingACertificateOfTheHomesCa() throws Exception {
        Secrets stored = new Secrets(home);
        ca = home.resolve("services/tls/ca.pem");
        ServerCertificates certificates = ServerCertificates.registry(
                new LocalCa(stored, () -> stored.getOrCreate(Secrets.FLINK_CA)), stored, ca);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(new ByteArrayInputStream(certificates.pkcs12KeyStore("pw")), "pw".toCharArray());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        registry = new FakeRegistry(context);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** Apicurio's converter as the connector configures it for an https registry verified against {@code caPem}. */
    private AvroConverter converter(String caPem) {
        Map<String, String> connector = new HashMap<>(
                CdcAvro.valueConverter(registry.v3Url(), FakeRegistry.CONNECT_USER, FakeRegistry.CONNECT_PASSWORD));
        connector.putAll(CdcAvro.trustedCa(caPem));
        Map<String, Object> avro = new HashMap<>();
        String prefix = "value.converter.";
        connector.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                avro.put(key.substring(prefix.length()), value);
            }
        });
        AvroConverter converter = new AvroConverter();
        converter.configure(avro, false);
        return converter;
    }

    /** The job's schema reads, trusting {@code caPem} (empty: the JVM's CAs). */
    private RegistrySchemas schemas(String caPem) {
        return new RegistrySchemas(
                registry.v3Url(), FakeRegistry.JOB_USER, Credential.literal(FakeRegistry.JOB_PASSWORD), caPem);
    }

    private static Struct row(long id) {
        Schema schema = SchemaBuilder.struct()
                .name("rideops.public.tls_check.Value")
                .field("id", Schema.INT64_SCHEMA)
                .build();
        return new Struct(schema).put("id", id);
    }

    @Test
    void theConverterRegistersOverHttpsAndTheJobReadsTheSchemaBackBothTrustingTheHomesCaFile() throws Exception {
        Struct row = row(1);

        byte[] value = converter(ca.toString()).fromConnectData(TOPIC, row.schema(), row);
        int contentId = ByteBuffer.wrap(value, 1, Integer.BYTES).getInt();

        assertThat(AvroChangeDecoder.isAvro(value)).isTrue();
        assertThat(registry.requests).anyMatch(r -> r.startsWith("POST /apis/registry/v2/"));
        assertThat(schemas(ca.toString()).byContentId(contentId).getType())
                .isEqualTo(org.apache.avro.Schema.Type.RECORD);
    }

    @Test
    void aRegistryOfAnotherCaIsRefusedByTheConverterAndTheJobBeforeAnyRequestReachesIt() throws Exception {
        Secrets other = new Secrets(Files.createDirectories(home.resolve("other")));
        new LocalCa(other, () -> other.getOrCreate(Secrets.FLINK_CA)).ensure(Instant.now());
        String otherCa = other.file(LocalCa.PEM).toString();
        Struct row = row(2);

        assertThatThrownBy(() -> converter(otherCa).fromConnectData(TOPIC, row.schema(), row));
        assertThatThrownBy(() -> schemas(otherCa).byContentId(1))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> schemas("").byContentId(1))
                .as("the JVM's CAs know no local CA")
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        assertThat(registry.requests).as("requests the registry answered").isEmpty();
    }

    @Test
    void aCaFileThatCannotBeReadWhereTheJobRunsIsNamedWithItsArgument() {
        String missing = home.resolve("nowhere/ca.pem").toString();

        assertThatThrownBy(() -> schemas(missing).byContentId(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("--registry.ssl-ca");
    }
}
