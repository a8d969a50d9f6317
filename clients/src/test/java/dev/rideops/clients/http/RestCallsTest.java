package dev.rideops.clients.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.LoginRefusedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestCallsTest {

    private HttpServer server;
    private String url;

    /** A node that lets in only {@code reader:right}, and only to read. */
    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String right = new BasicAuth("reader", "right").header();
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int status = !right.equals(auth) ? 401 : exchange.getRequestMethod().equals("PUT") ? 403 : 200;
            byte[] body = status == 200
                    ? "{}".getBytes(StandardCharsets.UTF_8)
                    : ("{\"error\":{\"reason\":\"no " + status + "\"}}").getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RestCalls as(String user, String password) {
        return new RestCalls(url, "the search node", user, password).withLoginHint("check search.reader-password");
    }

    @Test
    void aRefusedLoginNamesTheSettingToFix() {
        assertThatThrownBy(() -> as("reader", "wrong").get("/_cluster/health"))
                .isInstanceOf(LoginRefusedException.class)
                .hasMessage(
                        "the search node refused GET /_cluster/health (HTTP 401): {\"error\":{\"reason\":\"no 401\"}}")
                .extracting(e -> ((ClientException) e).fix())
                .isEqualTo("check search.reader-password");
        assertThatThrownBy(() -> as("reader", "right").put("/driver_locations", "{}"))
                .isInstanceOf(LoginRefusedException.class)
                .hasMessageContaining("(HTTP 403)")
                .extracting(e -> ((ClientException) e).fix())
                .isEqualTo("check search.reader-password");
    }

    @Test
    void aRefusedHeadIsAnErrorNotAbsence() {
        assertThat(as("reader", "right").exists("/driver_locations")).isTrue();
        assertThatThrownBy(() -> as("reader", "wrong").exists("/driver_locations"))
                .isInstanceOf(LoginRefusedException.class)
                .hasMessage("the search node refused HEAD /driver_locations (HTTP 401)");
    }

    @Test
    void withoutAHintARefusalKeepsTheGeneralOne() {
        assertThatThrownBy(() -> new RestCalls(url, "Kafka Connect").get("/connectors"))
                .isNotInstanceOf(LoginRefusedException.class)
                .hasMessage("Kafka Connect refused GET /connectors (HTTP 401): {\"error\":{\"reason\":\"no 401\"}}")
                .extracting(e -> ((ClientException) e).fix())
                .asString()
                .startsWith("start the local stack");
        assertThat(new RestCalls(url, "Kafka Connect").exists("/connectors")).isFalse();
    }
}
