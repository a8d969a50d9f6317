package dev.rideops.generator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.generator.db.SourceDb;
import dev.rideops.scenarios.LoadScenario;
import dev.rideops.scenarios.Profiles;
import dev.rideops.scenarios.Volume;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run stopped during its sign-ups, against an empty source played by a JDBC driver of this test (PostgreSQL's own
 * driver is refused at port 1 first, where nothing listens): what it reports is what it committed.
 */
class GeneratorRunStopTest {

    private static final SourceDb EMPTY_SOURCE = new SourceDb("jdbc:postgresql://127.0.0.1:1/fake_source", "u", "p");

    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicLong rowsInBatches = new AtomicLong();
    private Driver fake;

    @BeforeEach
    void registerTheFakeSource() throws SQLException {
        fake = new FakeDriver();
        DriverManager.registerDriver(fake);
    }

    @AfterEach
    void deregister() throws SQLException {
        DriverManager.deregisterDriver(fake);
    }

    @Test
    void aStopDuringTheSignUpsReportsTheRowsCommittedNotThosePlanned() throws Exception {
        // --eps 500 grows the city to about 34,000 sign-ups: many transactions of 2,000
        GeneratorSettings small = new GeneratorSettings(
                Mode.STREAM, "small", Profiles.volume(Volume.SMALL), LoadScenario.STEADY, 500, null, null, 7);

        // told to stop once the first transaction of sign-ups has committed
        GeneratorSummary summary = new GeneratorRun(small, EMPTY_SOURCE, new Quiet()).run(() -> commits.get() >= 1);

        assertThat(summary.stoppedEarly()).isTrue();
        assertThat(commits).hasValue(1);
        assertThat(summary.rowsTotal())
                .as("one transaction of at most 2,000 rows")
                .isBetween(1L, 2000L);
        assertThat((long) summary.setupRows()).isEqualTo(summary.rowsTotal());
        assertThat(summary.drivers() + summary.riders())
                .as("far more were planned than committed")
                .isGreaterThan(30_000);
    }

    private static final class Quiet implements GeneratorRun.Listener {
        @Override
        public void started(GeneratorStats stats) {}

        @Override
        public void progress(GeneratorStats stats) {}

        @Override
        public void warning(String message) {}
    }

    /** An empty source: every query answers no rows (the id maxima one row of zeros), every write succeeds. */
    private final class FakeDriver implements Driver {

        @Override
        public Connection connect(String url, Properties info) {
            return url.contains("/fake_source") ? connection() : null;
        }

        private Connection connection() {
            return proxy(Connection.class, (method, args) -> switch (method) {
                case "createStatement" -> statement();
                case "prepareStatement" -> preparedStatement();
                case "commit" -> {
                    commits.incrementAndGet();
                    yield null;
                }
                default -> null;
            });
        }

        private Object statement() {
            return proxy(java.sql.Statement.class, (method, args) -> switch (method) {
                case "executeQuery" -> resultSet(((String) args[0]).contains("coalesce(max(rider_id)"));
                default -> null;
            });
        }

        private Object preparedStatement() {
            AtomicInteger batched = new AtomicInteger();
            return proxy(java.sql.PreparedStatement.class, (method, args) -> switch (method) {
                case "addBatch" -> {
                    batched.incrementAndGet();
                    yield null;
                }
                case "executeBatch" -> {
                    rowsInBatches.addAndGet(batched.getAndSet(0));
                    yield new int[0];
                }
                default -> null;
            });
        }

        private ResultSet resultSet(boolean oneRowOfZeros) {
            AtomicInteger rows = new AtomicInteger(oneRowOfZeros ? 1 : 0);
            return proxy(ResultSet.class, (method, args) -> switch (method) {
                case "next" -> rows.getAndDecrement() > 0;
                default -> null;
            });
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.contains("/fake_source");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }
    }

    private static final java.util.Map<Class<?>, Object> ZEROS = java.util.Map.of(
            boolean.class,
            false,
            byte.class,
            (byte) 0,
            short.class,
            (short) 0,
            int.class,
            0,
            long.class,
            0L,
            float.class,
            0f,
            double.class,
            0.0);

    private interface Answer {
        Object apply(String method, Object[] args) throws Exception;
    }

    /** A JDBC object answering {@code answer}'s methods, and every other with its return type's zero. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object result = answer.apply(method.getName(), args);
            if (result != null
                    || method.getReturnType() == void.class
                    || !method.getReturnType().isPrimitive()) {
                return result;
            }
            return ZEROS.get(method.getReturnType());
        });
    }
}
