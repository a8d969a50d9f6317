package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabasesTest {

    @Test
    void aRefusedLoginNamesTheRolesSettingsAnythingElseTheConnections() {
        SQLException refused =
                new SQLException("FATAL: password authentication failed for user \"rideops_reader\"", "28P01");
        SQLException unreachable = new SQLException("Connection to localhost:1 refused", "08001");

        assertThat(Databases.fix(refused, Setting.READER_USER, Setting.READER_PASSWORD, "source"))
                .contains("reader.user's login")
                .contains("set reader.password (RIDEOPS_READER_PASSWORD)")
                .contains("$RIDEOPS_HOME/secrets");
        assertThat(Databases.fix(unreachable, Setting.READER_USER, Setting.READER_PASSWORD, "source"))
                .isEqualTo("start the stack with 'rideops up', or fix the source.* settings");
    }
}
