package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets TLS adds to a home, scanned as SecretsIT scans the generated passwords of the shared stack (which runs
 * without TLS): the servers' keys and the password of Connect's REST key stores lie in files only their service may
 * read (0600; as root, its user's), and nowhere else: in no other file of the home (logs, configs, data) and on no
 * process's command line; nor does the password of the CA's store, which only rideops opens. TLS puts no other
 * password anywhere (PEM key stores without one for Kafka, the search node and PostgreSQL), so the other secrets are
 * SecretsIT's.
 */
final class TlsSecretFiles {

    /** The copies TLS writes of a key or a store's password, by where they lie, with the user they belong to as root. */
    private static final Map<String, String> SERVICE_COPIES = Map.of(
            "services/kafka-1/conf/kafka-server.pem", "rideops-kafka",
            "services/search/conf/search-server.pem", "rideops-search",
            "services/registry/conf/registry-server.pem", "rideops-registry",
            "services/connect/conf/secrets/rest-server.p12", "rideops-connect",
            "services/connect/conf/secrets/rest-truststore.p12", "rideops-connect",
            "services/connect/conf/secrets/rest-tls.properties", "rideops-connect",
            // PostgreSQL's, beside its clusters (under the home, or /var/tmp as root)
            "tls/server.key", "rideops-postgres");

    /** The servers' keys rideops keeps in the home's secrets; each server gets a copy in the form it reads. */
    private static final List<String> HOME_KEYS =
            List.of("kafka-server.key", "connect-rest-server.key", "search-server.key", "registry-server.key");

    private TlsSecretFiles() {}

    static void areTheirServicesAloneAndNowhereElse(Path home) throws IOException {
        Map<String, Path> copies = new ConcurrentHashMap<>();
        HomeFiles.walk(home, (f, attrs) -> {
            for (Map.Entry<String, String> copy : SERVICE_COPIES.entrySet()) {
                if (f.endsWith(copy.getKey())) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .as(f.toString())
                            .isEqualTo("rw-------");
                    assertThat(Files.getOwner(f).getName())
                            .as(f.toString())
                            .isEqualTo(asRoot() ? copy.getValue() : System.getProperty("user.name"));
                    copies.put(copy.getKey(), f);
                }
            }
        });
        assertThat(copies.keySet())
                .as("TLS's secret files")
                .containsExactlyInAnyOrderElementsOf(SERVICE_COPIES.keySet());

        Map<String, String> secrets = new LinkedHashMap<>();
        for (String key : HOME_KEYS) {
            secrets.put(key, firstLineOfKey(home.resolve("secrets").resolve(key)));
        }
        secrets.put("PostgreSQL's server.key", firstLineOfKey(copies.get("tls/server.key")));
        secrets.put(
                "Connect's REST store password",
                restStorePassword(copies.get("services/connect/conf/secrets/rest-tls.properties")));
        secrets.put(
                "the CA store's password",
                Files.readString(home.resolve("secrets").resolve(Secrets.FLINK_CA))
                        .strip());

        Set<Path> allowed = Set.copyOf(copies.values());
        int[] scanned = {0};
        HomeFiles.walk(home, (f, attrs) -> {
            String text = allowed.contains(f) ? null : HomeFiles.text(f, attrs);
            if (text != null) {
                secrets.forEach((name, value) ->
                        assertThat(text).as("%s in %s", name, f).doesNotContain(value));
                scanned[0]++;
            }
        });
        assertThat(scanned[0]).as("files scanned").isGreaterThan(100);
        for (String line : HomeFiles.commandLines()) {
            secrets.forEach((name, value) ->
                    assertThat(line).as("%s on command line %s", name, line).doesNotContain(value));
        }
    }

    /** The key's first line of base64: what any copy or leak of it holds, whatever its line breaks around it. */
    private static String firstLineOfKey(Path pem) throws IOException {
        List<String> lines = Files.readAllLines(pem, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).as(pem.toString()).isEqualTo("-----BEGIN PRIVATE KEY-----");
        assertThat(lines.get(1)).as(pem.toString()).hasSizeGreaterThan(32);
        return lines.get(1);
    }

    private static String restStorePassword(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        String password = properties.getProperty("password", "");
        assertThat(password).as(file.toString()).hasSizeGreaterThanOrEqualTo(20);
        return password;
    }

    private static boolean asRoot() {
        return System.getProperty("user.name").equals("root");
    }
}
