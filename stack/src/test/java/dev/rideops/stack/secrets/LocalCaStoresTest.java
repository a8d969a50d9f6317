package dev.rideops.stack.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaStoresTest {

    @TempDir
    Path home;

    @Test
    void eachStoreStillRefusesAWrongPassword() throws Exception {
        LocalCa.Issued ca = new LocalCa(new Secrets(home), () -> "ca-password")
                .ensure(Instant.now())
                .ca();
        Path keystore = Files.write(
                home.resolve("key.p12"), LocalCa.keystore("leaf", ca.key(), "key-password", ca.certificate()));
        Path truststore =
                Files.write(home.resolve("trust.p12"), LocalCa.truststore("trust-password", ca.certificate()));

        KeyStore keys = LocalCa.load(keystore, "key-password").orElseThrow();
        assertThat(keys.getKey("leaf", "key-password".toCharArray())).isEqualTo(ca.key());
        // the MAC stays: a store whose password changed is found out and issued again
        assertThat(LocalCa.load(keystore, "another-password")).isEmpty();
        KeyStore trust = LocalCa.load(truststore, "trust-password").orElseThrow();
        assertThat(trust.getCertificate(LocalCa.ALIAS)).isEqualTo(ca.certificate());
        assertThat(LocalCa.load(truststore, "not-its-password")).isEmpty();
    }

    @Test
    void theStoresProtectionIsSetForTheirWriteAloneNotForTheProcess() throws Exception {
        System.setProperty("keystore.pkcs12.macIterationCount", "4321");
        try {
            LocalCa.Issued ca = new LocalCa(new Secrets(home), () -> "ca-password")
                    .ensure(Instant.now())
                    .ca();
            LocalCa.truststore("trust-password", ca.certificate());

            assertThat(System.getProperty("keystore.pkcs12.macIterationCount")).isEqualTo("4321");
            assertThat(System.getProperty("keystore.pkcs12.macAlgorithm")).isNull();
            assertThat(System.getProperty("keystore.pkcs12.certProtectionAlgorithm"))
                    .isNull();
        } finally {
            System.clearProperty("keystore.pkcs12.macIterationCount");
        }
    }
}
