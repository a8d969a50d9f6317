package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.LoginRefused;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search node's health probe against a node played by a JDK HttpServer on an ephemeral loopback port. */
class SearchNodeProbeTest {

    @TempDir
    Path home;

    private HttpServer server;

    private SearchNode nodeAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new SearchNode(
                ServiceDirs.of(home, "search"),
                server.getAddress().getPort(),
                9300,
                512,
                Map.of(),
                home.resolve("lib"),
                home.resolve("classes"),
                new StackSpec.SearchUsers("elastic", "rideops_search_writer", "rideops_search_reader"),
                name -> "pw-of-" + name,
                new LogRotation(50L << 20, 4));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRefusedReaderIsALoginProblemNamingTheSettingNotAStartingNode() throws IOException {
        String problem = nodeAnswering(401, "{\"error\":\"unauthorized\"}").probe();

        assertThat(LoginRefused.is(problem)).as(problem).isTrue();
        assertThat(problem)
                .contains("refused the login of its reader 'rideops_search_reader' (HTTP 401 from http://127.0.0.1:")
                .contains("set search.reader-password (or, when unset, the secret search-reader)")
                .contains("'rideops restart search'")
                .doesNotContain("pw-of-");
    }

    @Test
    void aNodeThatIsNotReadyYetIsNoLoginProblem() throws IOException {
        String problem = nodeAnswering(503, "starting").probe();

        assertThat(problem).startsWith("HTTP 503");
        assertThat(LoginRefused.is(problem)).isFalse();
    }
}
