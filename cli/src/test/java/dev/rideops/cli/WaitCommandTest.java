package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wait --for results} against a search node, played by a JDK HttpServer on an ephemeral loopback port, that
 * refuses the reader's password: one line naming the setting, at once, instead of "no documents" until the timeout.
 */
class WaitCommandTest {

    @TempDir
    Path dir;

    private HttpServer search;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startARefusingSearchNode() throws IOException {
        search = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        search.createContext("/", exchange -> {
            asked.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = "{\"error\":\"wrong password for rideops_search_reader\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"rideops\"");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        search.start();
    }

    @AfterEach
    void stop() {
        search.stop(0);
    }

    @Test
    void aSearchNodeRefusingTheReaderFailsTheWaitAtOnceNamingTheSettingNotNoDocuments() {
        long began = System.nanoTime();
        CliRun r = CliRun.run(
                Map.of(
                        "RIDEOPS_HOME", dir.resolve("home").toString(),
                        "RIDEOPS_SEARCH_URL",
                                "http://127.0.0.1:" + search.getAddress().getPort(),
                        "RIDEOPS_SEARCH_READER_USER", "rideops_search_reader",
                        "RIDEOPS_SEARCH_READER_PASSWORD", "changed-since",
                        // nothing listens on port 1: the mart is unreadable at once, as on a stack still starting
                        "RIDEOPS_REPORTING_PORT", "1"),
                dir,
                "wait",
                "--for",
                "results",
                "--timeout",
                "60s",
                "--interval",
                "1s");
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(asked).contains("GET /driver_locations/_count");
        List<String> errors =
                r.errLines().stream().filter(l -> l.startsWith("rideops: ")).toList();
        assertThat(errors)
                .last()
                .asString()
                .contains("the search node refused GET /driver_locations/_count (HTTP 401)")
                .contains("check search.reader-password (RIDEOPS_SEARCH_READER_PASSWORD)")
                .contains("'rideops_search_reader' (search.reader-user)");
        assertThat(r.err())
                .doesNotContain("no documents")
                .doesNotContain("not ready after")
                .doesNotContain("changed-since");
        assertThat(took).as("failed fast, not at the 60 s timeout").isLessThan(Duration.ofSeconds(30));
    }
}
