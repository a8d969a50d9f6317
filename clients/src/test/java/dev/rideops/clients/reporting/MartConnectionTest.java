package dev.rideops.clients.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.ClientException;
import dev.rideops.clients.LoginRefusedException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MartConnectionTest {

    private final MartConnection mart =
            new MartConnection("jdbc:postgresql://127.0.0.1:5433/reporting_db", "rideops_reader", "pw");

    @Test
    void aRefusedLoginSaysWhoseAndWhichPasswordToSetNotThatTheDatabaseIsDown() {
        ClientException e = mart.failed(
                new SQLException("FATAL: password authentication failed for user \"rideops_reader\"", "28P01"));

        assertThat(e).isInstanceOf(LoginRefusedException.class);
        assertThat(e.getMessage())
                .startsWith("the reporting database at jdbc:postgresql://127.0.0.1:5433/reporting_db refused the login "
                        + "of user 'rideops_reader': FATAL: password authentication failed");
        assertThat(e.fix())
                .contains("reader.password (RIDEOPS_READER_PASSWORD)")
                .doesNotContain("'rideops status'");
    }

    @Test
    void anyOtherFailureKeepsItsGeneralFix() {
        ClientException e = mart.failed(new SQLException("Connection refused", "08001"), "that it was migrated");

        assertThat(e).isNotInstanceOf(LoginRefusedException.class);
        assertThat(e.fix()).contains("'rideops status'").endsWith("and that it was migrated");
    }
}
