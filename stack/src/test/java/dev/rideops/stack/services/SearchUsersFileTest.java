package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchUsersFileTest {

    @TempDir
    Path dir;

    @Test
    void hashesAsTheNodesPluginVerifies() {
        // the same vector is pinned in the opensearch runtime's SearchGateTest: writer and reader cannot drift apart
        assertThat(SearchUsersFile.hash("changeme123", "rideops-salt-16b".getBytes(StandardCharsets.UTF_8), 1000))
                .isEqualTo("pbkdf2-sha256$1000$cmlkZW9wcy1zYWx0LTE2Yg==$AguDqa2FPEo4IZ8SdXmgWxYUFC9BAIjipbaZ4xzn+zo=");
    }

    @Test
    void eachStartSaltsAnew() throws IOException {
        Path file = dir.resolve("users");
        List<UserLogin> users = List.of(new UserLogin("elastic", "admin", "same"));

        SearchUsersFile.write(file, users);
        String first = Files.readString(file);
        SearchUsersFile.write(file, users);

        assertThat(Files.readString(file)).isNotEqualTo(first);
        assertThat(users.get(0).toString()).doesNotContain("same");
    }

    @Test
    void refusesANameTheFileCannotHoldAndAnEmptyPassword() {
        Path file = dir.resolve("users");

        assertThatThrownBy(() -> SearchUsersFile.write(file, List.of(new UserLogin("a b", "admin", "x"))))
                .hasMessageContaining("without spaces");
        assertThatThrownBy(() -> SearchUsersFile.write(file, List.of(new UserLogin("elastic", "admin", ""))))
                .hasMessageContaining("empty password");
        assertThat(file).doesNotExist();
    }
}
