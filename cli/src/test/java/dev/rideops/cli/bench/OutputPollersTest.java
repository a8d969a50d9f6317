package dev.rideops.cli.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.LoginRefusedException;
import dev.rideops.clients.http.RestCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bench's search poller against a node played by a JDK HttpServer on an ephemeral loopback port. */
class OutputPollersTest {

    private HttpServer server;

    private RestCalls nodeAnswering(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return new RestCalls(
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                        "the search node",
                        "rideops_search_reader",
                        "changed")
                .withLoginHint("check search.reader-password");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRefusedReaderFailsTheBenchBeforeAnyLoadRatherThanReadingAsAnIndexNeverVisible() throws IOException {
        assertThatThrownBy(() -> OutputPollers.checkLogin(nodeAnswering(401)))
                .isInstanceOf(LoginRefusedException.class)
                .hasMessageContaining("(HTTP 401)");
    }

    @Test
    void anIndexNotThereYetIsLeftToThePollersAsDuringTheRun() throws IOException {
        assertThatCode(() -> OutputPollers.checkLogin(nodeAnswering(404))).doesNotThrowAnyException();
    }
}
