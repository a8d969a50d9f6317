package dev.rideops.job.sinks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcTargetTest {

    @Test
    void aUrlThatIsNotPostgresIsNamedInsteadOfNoSuitableDriver() {
        JdbcTarget target = new JdbcTarget("jdbc:mysql://127.0.0.1:3306/mart", "u", "p");
        assertThatThrownBy(target::connect)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("not a PostgreSQL JDBC URL")
                .hasMessageContaining("jdbc:mysql://127.0.0.1:3306/mart");
    }

    @Test
    void thePostgresDriverItselfAnswersWithoutDriverManager() {
        // port 1: nothing listens, so the driver's own connection error, never DriverManager's "No suitable driver"
        JdbcTarget target = new JdbcTarget("jdbc:postgresql://127.0.0.1:1/mart?connectTimeout=2", "u", "p");
        assertThatThrownBy(target::connect)
                .isInstanceOf(SQLException.class)
                .hasMessageNotContaining("No suitable driver");
    }
}
