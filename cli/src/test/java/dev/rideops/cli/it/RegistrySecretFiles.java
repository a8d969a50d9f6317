package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema registry's two passwords on an Avro stack (StackIT's), scanned as SecretsIT scans the generated
 * passwords of the shared JSON stack: they lie in the home's secrets and, for Connect's login, in the file its
 * worker's config provider reads; nowhere else: not in the registry's users file (digests only), not in Connect's
 * log (it logs the converter's config as it starts the task), in no other file of the home and on no process's
 * command line. The job's reaches its TaskManagers through their environment.
 */
final class RegistrySecretFiles {

    /** Where the local worker's file config provider reads Connect's registry password. */
    private static final Path CONNECT_COPY = Path.of("services/connect/conf/secrets/registry.properties");

    private RegistrySecretFiles() {}

    static void areInTheirFilesAloneAndNowhereElse(Path home) throws IOException {
        Secrets secrets = new Secrets(home);
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String name : List.of(Secrets.REGISTRY_CONNECT, Secrets.REGISTRY_JOB)) {
            passwords.put(name, secrets.read(name).orElseThrow());
        }
        boolean[] copied = {false};
        int[] scanned = {0};
        HomeFiles.walk(home, (f, attrs) -> {
            if (f.endsWith(CONNECT_COPY)) {
                assertThat(HomeFiles.text(f, attrs)).contains(passwords.get(Secrets.REGISTRY_CONNECT));
                copied[0] = true;
                return;
            }
            String text = HomeFiles.text(f, attrs);
            if (text != null) {
                passwords.forEach((name, value) ->
                        assertThat(text).as("%s in %s", name, f).doesNotContain(value));
                scanned[0]++;
            }
        });
        assertThat(copied[0]).as("Connect's copy " + CONNECT_COPY).isTrue();
        assertThat(scanned[0]).as("files scanned").isGreaterThan(100);
        for (String line : HomeFiles.commandLines()) {
            passwords.forEach((name, value) ->
                    assertThat(line).as("%s on command line %s", name, line).doesNotContain(value));
        }
    }
}
