package dev.rideops.generator.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How to reach the source database: its JDBC URL as the caller built it (with the TLS parameters it asks for), and a
 * login.
 */
public record SourceDb(String url, String user, String password) {

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("connectTimeout", "5");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "rideops-generator");
        return DriverManager.getConnection(url(), props);
    }

    /** {@code user@host:port/database}, as messages name it: the URL without its scheme and parameters. */
    @Override
    public String toString() {
        String where = url.replaceFirst("^jdbc:postgresql://", "");
        int parameters = where.indexOf('?');
        return user + "@" + (parameters < 0 ? where : where.substring(0, parameters));
    }
}
