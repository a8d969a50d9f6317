package dev.rideops.stack.services;

import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The search node's users file, which its auth plugin ({@code BasicAuthPlugin} in the opensearch runtime) reads at
 * start: one line per user, {@code name role pbkdf2-sha256$iterations$salt$hash}, never a password. Written 0600 on
 * every start with fresh salts, so a password changed in the config applies at the next start.
 */
final class SearchUsersFile {

    /**
     * Few for PBKDF2, on purpose: the stack hashes three passwords on every start of a busy two-core machine, the
     * generated ones are 192 random bits that no iteration count protects better, and the node verifies a login
     * once and then remembers it.
     */
    static final int ITERATIONS = 20_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SearchUsersFile() {}

    /** @param users each with its role: {@code admin}, {@code writer} or {@code reader} */
    static void write(Path file, List<UserLogin> users) throws IOException {
        StringBuilder content =
                new StringBuilder("# rideops search-node users: name role pbkdf2-sha256$iterations$salt$hash\n");
        for (UserLogin user : users) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            content.append(user.name())
                    .append(' ')
                    .append(user.role())
                    .append(' ')
                    .append(hash(user.password(), salt, ITERATIONS))
                    .append('\n');
        }
        Path temp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()));
        Secrets.writeOwnerOnly(temp, content.toString());
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String hash(String password, byte[] salt, int iterations) {
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            return "pbkdf2-sha256$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no PBKDF2WithHmacSHA256", e);
        }
    }
}
