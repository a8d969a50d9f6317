package dev.rideops.stack.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchGateTest {

    @TempDir
    Path dir;

    /** A line as the stack's SearchUsersFile writes it (few iterations: a test needs no slow hash). */
    private static String line(String user, String role, String password, String salt) {
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        return user + " " + role + " pbkdf2-sha256$1000$" + Base64.getEncoder().encodeToString(saltBytes) + "$"
                + Base64.getEncoder().encodeToString(SearchUsers.pbkdf2(password, saltBytes, 1000));
    }

    private SearchGate gate() throws IOException {
        Path file = dir.resolve("users");
        Files.write(
                file,
                List.of(
                        "# name role hash",
                        line("elastic", "admin", "changeme123", "salt-of-elastic1"),
                        line("rideops_search_writer", "writer", "w-secret", "salt-of-writer-1"),
                        line("rideops_search_reader", "reader", "r-secret", "salt-of-reader-1")));
        return new SearchGate(SearchUsers.read(file));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SearchGate.Verdict get(SearchGate gate, String authorization, String path) {
        return gate.check(authorization, "GET", path, List::of);
    }

    @Test
    void verifiesAPinnedHash() {
        // the same vector is pinned in the stack's SearchUsersFileTest: writer and reader cannot drift apart
        assertThat(Base64.getEncoder()
                        .encodeToString(SearchUsers.pbkdf2(
                                "changeme123", "rideops-salt-16b".getBytes(StandardCharsets.UTF_8), 1000)))
                .isEqualTo("AguDqa2FPEo4IZ8SdXmgWxYUFC9BAIjipbaZ4xzn+zo=");
    }

    @Test
    void noLoginIsUnauthorized() throws IOException {
        SearchGate.Verdict verdict = get(gate(), null, "/_cluster/health");

        assertThat(verdict.status()).isEqualTo(401);
        assertThat(verdict.reason()).contains("missing authentication credentials");
    }

    @Test
    void aWrongPasswordAnUnknownUserOrAnotherSchemeIsUnauthorized() throws IOException {
        SearchGate gate = gate();

        assertThat(get(gate, basic("elastic", "changeme12"), "/").status()).isEqualTo(401);
        assertThat(get(gate, basic("elastic", "changeme123 "), "/").status()).isEqualTo(401);
        assertThat(get(gate, basic("nobody", "changeme123"), "/").status()).isEqualTo(401);
        assertThat(get(gate, "Bearer abc", "/").status()).isEqualTo(401);
        assertThat(get(gate, "Basic not-base64!", "/").status()).isEqualTo(401);
        assertThat(get(gate, "Basic " + Base64.getEncoder().encodeToString("elastic".getBytes()), "/")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aRightPasswordPassesEveryTimeAndAWrongOneStillFailsAfterIt() throws IOException {
        SearchGate gate = gate();

        assertThat(get(gate, basic("elastic", "changeme123"), "/_cluster/health")
                        .allowed())
                .isTrue();
        // the second time from the verified cache
        assertThat(get(gate, basic("elastic", "changeme123"), "/_cluster/health")
                        .allowed())
                .isTrue();
        assertThat(get(gate, basic("elastic", "wrong"), "/_cluster/health").status())
                .isEqualTo(401);
        assertThat(get(gate, basic("rideops_search_reader", "changeme123"), "/").status())
                .isEqualTo(401);
    }

    @Test
    void eachRoleGetsWhatItMayAnd403ForTheRest() throws IOException {
        SearchGate gate = gate();
        String reader = basic("rideops_search_reader", "r-secret");
        String writer = basic("rideops_search_writer", "w-secret");

        assertThat(gate.check(reader, "POST", "/driver_locations/_search", List::of)
                        .allowed())
                .isTrue();
        SearchGate.Verdict readerWrites = gate.check(reader, "PUT", "/driver_locations/_doc/1", List::of);
        assertThat(readerWrites.status()).isEqualTo(403);
        assertThat(readerWrites.reason()).startsWith("rideops_search_reader: the read-only search user may not PUT");

        assertThat(gate.check(writer, "POST", "/_bulk", () -> List.of("driver_locations"))
                        .allowed())
                .isTrue();
        assertThat(gate.check(writer, "POST", "/_bulk", () -> List.of("orders")).status())
                .isEqualTo(403);
        assertThat(gate.check(writer, "PUT", "/orders", List::of).status()).isEqualTo(403);

        assertThat(gate.check(basic("elastic", "changeme123"), "PUT", "/orders", List::of)
                        .allowed())
                .isTrue();
    }

    @Test
    void aMalformedUsersFileIsRefusedNamingItsLine() throws IOException {
        Path file = dir.resolve("users");
        Files.write(file, List.of("elastic admin changeme123"));

        assertThatThrownBy(() -> SearchUsers.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("changeme123");
    }
}
