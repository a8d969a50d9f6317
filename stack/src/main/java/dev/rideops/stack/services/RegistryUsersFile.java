package dev.rideops.stack.services;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The registry's users, as Quarkus's embedded users realm reads them: a properties file of config keys (the registry
 * loads it through {@code quarkus.config.locations}, so no user is on its command line), each user's password as
 * {@value #ALGORITHM}'s hex digest of {@code user:realm:password} (what Elytron's {@code DigestPassword} verifies a
 * basic login against) and its roles, which Apicurio's role-based authorization reads from the identity.
 */
final class RegistryUsersFile {

    /** Quarkus's name for the digest the file holds; the registry is started with it. */
    static final String ALGORITHM = "digest-sha-512";

    /** The realm Quarkus digests with unless built with another ({@code quarkus.security.users.embedded.realm-name}). */
    static final String REALM = "Quarkus";

    /** May read artifacts and schemas (the job). */
    static final String READ_ONLY = "sr-readonly";

    /** May also create and update them (Connect's converter registers each new schema). */
    static final String DEVELOPER = "sr-developer";

    private static final String PREFIX = "quarkus.security.users.embedded.";

    /** A name that is one segment of a config key: a dot would split it, other characters would need escapes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private RegistryUsersFile() {}

    static String content(List<UserLogin> users) {
        StringBuilder content =
                new StringBuilder("# rideops registry users: " + ALGORITHM + " digests, never passwords\n");
        for (UserLogin user : users) {
            if (!NAME.matcher(user.name()).matches()) {
                throw new IllegalArgumentException("the registry user '" + user.name()
                        + "' cannot be a key of its users file: use letters, digits, '_' and '-' only");
            }
            content.append(PREFIX + "users.")
                    .append(user.name())
                    .append('=')
                    .append(digest(user.name(), user.password()))
                    .append('\n');
            content.append(PREFIX + "roles.")
                    .append(user.name())
                    .append('=')
                    .append(user.role())
                    .append('\n');
        }
        return content.toString();
    }

    /** Hex SHA-512 of {@code user:realm:password}, as Elytron's {@code digest-sha-512} passwords are made. */
    static String digest(String user, String password) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-512")
                            .digest((user + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-512", e);
        }
    }
}
