package dev.rideops.clients.http;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * One user and password for HTTP basic auth: what rideops's own servers (the dashboard, the pipeline exporter) ask
 * for, and what their callers send. {@link #toString()} never shows the password, so a record printed into a log
 * leaks nothing.
 */
public record BasicAuth(String user, String password) {

    public BasicAuth {
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("a basic auth user must be non-empty and without ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password of " + user + " is empty");
        }
    }

    /** The JDK server's check of a request's credentials (401 with a {@code WWW-Authenticate} challenge else). */
    public BasicAuthenticator authenticator(String realm) {
        byte[] expectedUser = user.getBytes(StandardCharsets.UTF_8);
        byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
        return new BasicAuthenticator(realm, StandardCharsets.UTF_8) {
            @Override
            public boolean checkCredentials(String givenUser, String givenPassword) {
                // both compared in constant time, so the answer's timing tells nothing about either
                boolean userMatches = MessageDigest.isEqual(expectedUser, givenUser.getBytes(StandardCharsets.UTF_8));
                boolean passwordMatches =
                        MessageDigest.isEqual(expectedPassword, givenPassword.getBytes(StandardCharsets.UTF_8));
                return userMatches & passwordMatches;
            }
        };
    }

    /** The {@code Authorization} header's value. */
    public String header() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicAuth[user=" + user + ", password=****]";
    }
}
