package dev.rideops.stack.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's users, read once at start from the users file the stack writes ({@code services/search/conf/users},
 * 0600): one line per user, {@code name role pbkdf2-sha256$iterations$salt$hash} (salt and hash base64). Passwords
 * are never stored, only PBKDF2 hashes (the JDK's {@code PBKDF2WithHmacSHA256}); the stack's {@code SearchUsersFile}
 * writes the same format.
 */
public final class SearchUsers {

    public record User(String name, SearchRole role) {}

    private record Entry(SearchRole role, int iterations, byte[] salt, byte[] hash) {}

    private final Map<String, Entry> users;

    /**
     * Headers already verified, by a keyed digest of the header (never the header itself): PBKDF2 is slow on
     * purpose, and the job's bulk requests and the probes would pay it on every call. A wrong password is never
     * cached, so guessing stays slow.
     */
    private final Map<String, User> verified = new ConcurrentHashMap<>();

    private final byte[] cacheKey = new byte[32];

    SearchUsers(Map<String, Entry> users) {
        this.users = Map.copyOf(users);
        new SecureRandom().nextBytes(cacheKey);
    }

    public static SearchUsers read(Path file) throws IOException {
        Map<String, Entry> users = new LinkedHashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            String[] hash = fields.length == 3 ? fields[2].split("\\$") : new String[0];
            if (hash.length != 4 || !hash[0].equals("pbkdf2-sha256")) {
                throw new IOException(
                        file + " line " + number + ": expected 'name role pbkdf2-sha256$iterations$salt$hash'");
            }
            try {
                users.put(
                        fields[0],
                        new Entry(
                                SearchRole.parse(fields[1]),
                                Integer.parseInt(hash[1]),
                                Base64.getDecoder().decode(hash[2]),
                                Base64.getDecoder().decode(hash[3])));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return new SearchUsers(users);
    }

    /** The user an {@code Authorization} header logs in, if it is basic auth with a right password. */
    public Optional<User> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String key = cacheKey(authorization);
        User known = verified.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String name = decoded.substring(0, colon);
        Entry entry = users.get(name);
        if (entry == null
                || !MessageDigest.isEqual(
                        entry.hash(), pbkdf2(decoded.substring(colon + 1), entry.salt(), entry.iterations()))) {
            return Optional.empty();
        }
        User user = new User(name, entry.role());
        verified.put(key, user);
        return Optional.of(user);
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no PBKDF2WithHmacSHA256", e);
        }
    }

    private String cacheKey(String authorization) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(authorization.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }
}
