package dev.rideops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresTlsTest {

    @Test
    void withoutTlsTheUrlIsThePlainOneOfBefore() {
        assertThat(PostgresTls.NONE.jdbcUrl("localhost", 5433, "reporting_db"))
                .isEqualTo("jdbc:postgresql://localhost:5433/reporting_db");
        assertThat(PostgresTls.NONE.query()).isEmpty();
    }

    @Test
    void verifyFullNamesTheModeAndTheCaTheServerIsVerifiedWith() {
        PostgresTls tls = PostgresTls.verifyFull("/var/tmp/rideops-services-1a/tls/ca.pem");

        assertThat(tls.jdbcUrl("127.0.0.1", 5432, "ride_hailing_db"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/ride_hailing_db"
                        + "?sslmode=verify-full&sslrootcert=/var/tmp/rideops-services-1a/tls/ca.pem");
        assertThat(tls.parameters())
                .containsExactly(
                        java.util.Map.entry("sslmode", "verify-full"),
                        java.util.Map.entry("sslrootcert", "/var/tmp/rideops-services-1a/tls/ca.pem"));
    }

    @Test
    void aPathThatWouldBreakTheQueryIsEncodedAndOnlyWhatIsGivenIsSet() {
        assertThat(new PostgresTls("", "/home/a b/ca&1.pem").query()).isEqualTo("?sslrootcert=/home/a%20b/ca%261.pem");
        assertThat(new PostgresTls("require", null).query()).isEqualTo("?sslmode=require");
    }
}
