package dev.rideops.job.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.job.JobSettings;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialTest {

    @TempDir
    Path dir;

    @Test
    void aPasswordFileWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        Credential credential = Credential.fromFileOrEnv(file.toString(), "PW");

        assertThat(credential.resolve(Map.of("PW", "from-env")::get)).isEqualTo("from-file");
        assertThat(Credential.fromFileOrEnv("", "PW").resolve(Map.of("PW", "from-env")::get))
                .isEqualTo("from-env");
        assertThat(Credential.fromFileOrEnv("", "PW").resolve(Map.<String, String>of()::get))
                .isEmpty();
    }

    @Test
    void theFirstVariableSetWins() {
        Credential search = Credential.fromFileOrEnv("", "RIDEOPS_SEARCH_WRITER_PASSWORD", "ELASTIC_PASSWORD");

        assertThat(search.resolve(Map.of("RIDEOPS_SEARCH_WRITER_PASSWORD", "writer", "ELASTIC_PASSWORD", "admin")::get))
                .isEqualTo("writer");
        // a remote cluster's TaskManagers that set only ELASTIC_PASSWORD, as before
        assertThat(search.resolve(Map.of("ELASTIC_PASSWORD", "admin")::get)).isEqualTo("admin");
        assertThat(search.toString()).isEqualTo("$RIDEOPS_SEARCH_WRITER_PASSWORD or $ELASTIC_PASSWORD");
    }

    /** What a Kafka config provider is handed ({@link CredentialConfigProvider}) keeps every variable, in order. */
    @Test
    void theProviderParamsKeepEveryVariableInOrder() {
        Credential search = Credential.fromFileOrEnv("", "RIDEOPS_SEARCH_WRITER_PASSWORD", "ELASTIC_PASSWORD");

        Map<String, String> params = search.providerParams();
        Credential back = Credential.fromProviderParams(params);

        assertThat(params).containsExactly(Map.entry("env", "RIDEOPS_SEARCH_WRITER_PASSWORD,ELASTIC_PASSWORD"));
        assertThat(back.resolve(Map.of("ELASTIC_PASSWORD", "admin")::get)).isEqualTo("admin");
        assertThat(back.toString()).isEqualTo(search.toString());
        assertThat(Credential.fromProviderParams(Map.of()).resolve(Map.of("PW", "x")::get))
                .isEmpty();
    }

    @Test
    void anUnreadablePasswordFileNamesItselfAndTheArgument() {
        Credential credential = Credential.fromFileOrEnv(dir.resolve("missing").toString(), "PW");

        assertThatThrownBy(() -> credential.resolve(Map.<String, String>of()::get))
                .hasMessageContaining(dir.resolve("missing").toString())
                .hasMessageContaining("password-file");
    }

    @Test
    void theJobGraphCarriesWhereThePasswordIsNeverThePasswordItself() throws Exception {
        String secret = "never-in-the-graph-4711";
        Path file = Files.writeString(dir.resolve("mart"), secret);
        JobSettings settings = JobSettings.from(
                new String[] {"--reporting.user", "rideops_mart", "--reporting.password-file", file.toString()});

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }

        assertThat(bytes.toString(StandardCharsets.ISO_8859_1))
                .contains(file.toString())
                .doesNotContain(secret);
    }
}
