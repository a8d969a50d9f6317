package dev.rideops.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a client reaches PostgreSQL: plain ({@link #NONE}, the driver's defaults), or with the TLS mode libpq and the
 * JDBC driver call {@code sslmode} and the CA certificate it verifies the server with. Every JDBC URL rideops and its
 * job use is built here ({@link #jdbcUrl}), so a stack with TLS is reached the same way by every client.
 *
 * @param sslmode empty for the driver's default, else {@code disable} ... {@code verify-full}
 * @param rootCert the PEM file of the CA to verify the server with; empty for the driver's default
 */
public record PostgresTls(String sslmode, String rootCert) {

    /** Nothing asked for: the URL has no parameters, as before TLS could be asked for. */
    public static final PostgresTls NONE = new PostgresTls("", "");

    /** The strictest mode: the server's certificate must chain to {@code rootCert} and name the host connected to. */
    public static final String VERIFY_FULL = "verify-full";

    public PostgresTls {
        sslmode = sslmode == null ? "" : sslmode;
        rootCert = rootCert == null ? "" : rootCert;
    }

    public static PostgresTls verifyFull(String rootCert) {
        return new PostgresTls(VERIFY_FULL, rootCert);
    }

    /** What a URL or a connector config sets: {@code sslmode} and {@code sslrootcert}, each when given. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!sslmode.isEmpty()) {
            parameters.put("sslmode", sslmode);
        }
        if (!rootCert.isEmpty()) {
            parameters.put("sslrootcert", rootCert);
        }
        return parameters;
    }

    /** {@code ?sslmode=...&sslrootcert=...}, or empty: what a JDBC URL and a libpq URI (psql) both take. */
    public String query() {
        StringBuilder query = new StringBuilder();
        parameters()
                .forEach((name, value) -> query.append(query.length() == 0 ? '?' : '&')
                        .append(name)
                        .append('=')
                        .append(encoded(value)));
        return query.toString();
    }

    /**
     * Percent-encoded as both the JDBC driver and libpq decode it: a space as {@code %20} (libpq reads no {@code +}),
     * a slash left as it is, which reads better in messages.
     */
    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%2F", "/");
    }

    /** {@code jdbc:postgresql://host:port/database}, with this TLS's parameters. */
    public String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + query();
    }
}
