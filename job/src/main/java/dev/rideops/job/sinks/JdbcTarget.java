package dev.rideops.job.sinks;

import dev.rideops.job.credentials.Credential;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Where the mart lives: a PostgreSQL JDBC URL and credentials (the password looked up where the sink runs). */
public class JdbcTarget implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The driver itself, not {@code DriverManager}: DriverManager finds drivers once per JVM, through the class
     * loader of whichever thread asks first, while a TaskManager loads this class in each job's own class loader.
     * A sink that asked through it failed its first attempt with "No suitable driver found" on a fresh TaskManager.
     */
    private static final Driver DRIVER = new org.postgresql.Driver();

    private final String url;
    private final String user;
    private final Credential password;

    public JdbcTarget(String url, String user, Credential password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public JdbcTarget(String url, String user, String password) {
        this(url, user, Credential.literal(password));
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password.resolve());
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", dev.rideops.contract.JobContract.JOB_NAME);
        Connection connection = DRIVER.connect(url, props);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + url);
        }
        return connection;
    }
}
