package dev.rideops.clients.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.http.BasicAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector operations against a small fake of Connect's REST API, which asks for a login as the stack's worker
 * does: the calls made, the login sent, the state read.
 */
class CdcConnectorTest {

    private static final BasicAuth LOGIN = new BasicAuth("rideops", "s3cret");

    private HttpServer connect;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakeConnect() throws IOException {
        // an ephemeral loopback port, never the stack's 8083
        connect = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        connect.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String call = exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
            calls.add(call);
            if (!LOGIN.header().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // what Connect's BasicAuthSecurityRestExtension answers
                byte[] refused = "User cannot access the resource.".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, refused.length);
                exchange.getResponseBody().write(refused);
                exchange.close();
                return;
            }
            String answer = answers.getOrDefault(
                    call,
                    answers.get(exchange.getRequestMethod() + " "
                            + exchange.getRequestURI().getPath()));
            byte[] out = (answer == null ? "{\"error_code\":404,\"message\":\"no\"}" : answer)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(
                    answer == null ? 404 : answer.isEmpty() ? 202 : 200, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        connect.start();
        answers.put("GET /connectors", "[\"rideops-source\"]");
    }

    @AfterEach
    void stop() {
        connect.stop(0);
    }

    private CdcConnector connector() {
        return connector(Optional.of(LOGIN));
    }

    private CdcConnector connector(Optional<BasicAuth> login) {
        return new CdcConnector(url(), login);
    }

    private String url() {
        return "http://127.0.0.1:" + connect.getAddress().getPort();
    }

    @Test
    void everyCallSendsTheLogin() {
        answers.put("PUT /connectors/rideops-source/pause", "");

        connector().pause();

        assertThat(calls).containsExactly("GET /connectors", "PUT /connectors/rideops-source/pause");
    }

    @Test
    void aRefusedLoginIsOneLineNamingConnectAndTheSettingsToFix() {
        assertThatThrownBy(() -> connector(Optional.of(new BasicAuth("rideops", "wrong")))
                        .exists())
                .isInstanceOf(ClientException.class)
                .hasMessage("Kafka Connect refused GET /connectors (HTTP 401): User cannot access the resource.")
                .satisfies(e -> assertThat(((ClientException) e).fix())
                        .contains("connect.user and connect.password (RIDEOPS_CONNECT_PASSWORD)")
                        .contains("$RIDEOPS_HOME/secrets/connect")
                        .doesNotContain("wrong"));
        assertThatThrownBy(() -> connector(Optional.empty()).pause())
                .isInstanceOf(ClientException.class)
                .hasMessage("Kafka Connect refused GET /connectors (HTTP 401): User cannot access the resource.")
                .satisfies(e -> assertThat(((ClientException) e).fix()).contains("connect.password"));
    }

    @Test
    void stateNamesEachTaskAndAFailedOnesFirstTraceLine() {
        answers.put(
                "GET /connectors/rideops-source/status",
                "{\"name\":\"rideops-source\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"127.0.0.1:8083\"},"
                        + "\"tasks\":[{\"id\":0,\"state\":\"FAILED\",\"worker_id\":\"127.0.0.1:8083\","
                        + "\"trace\":\"org.postgresql.util.PSQLException: refused\\n\\tat x\"}]}");

        ConnectorState state = connector().state();

        assertThat(state.state()).isEqualTo("RUNNING");
        assertThat(state.worker()).isEqualTo("127.0.0.1:8083");
        assertThat(state.running()).isFalse();
        assertThat(state.failedTasks()).isEqualTo(1);
        assertThat(state.tasks())
                .singleElement()
                .satisfies(t -> assertThat(t.error()).isEqualTo("org.postgresql.util.PSQLException: refused"));
    }

    /** Connect's own first line does not say why; the root cause does, and a suppressed exception's cause is not it. */
    @Test
    void aFailedTasksErrorEndsWithItsTracesRootCause() {
        String trace = String.join(
                "\\n",
                "org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from producer send callback",
                "\\tat org.apache.kafka.connect.runtime.WorkerSourceTask.maybeThrowProducerSendException(x)",
                "Caused by: org.apache.kafka.common.errors.TimeoutException: outer",
                "Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The request included a message "
                        + "larger than the max message size the server will accept.",
                "\\t... 3 more",
                "\\tSuppressed: java.lang.IllegalStateException: closing",
                "\\t\\tCaused by: java.io.IOException: not the cause");
        answers.put(
                "GET /connectors/rideops-source/status",
                "{\"name\":\"rideops-source\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"w\"},"
                        + "\"tasks\":[{\"id\":0,\"state\":\"FAILED\",\"worker_id\":\"w\",\"trace\":\"" + trace
                        + "\"}]}");

        assertThat(connector().state().tasks())
                .singleElement()
                .satisfies(t -> assertThat(t.error())
                        .isEqualTo("org.apache.kafka.connect.errors.ConnectException: Unrecoverable exception from "
                                + "producer send callback; caused by "
                                + "org.apache.kafka.common.errors.RecordTooLargeException: The request included a "
                                + "message larger than the max message size the server will accept."));
    }

    @Test
    void restartAsksForTheTasksTooAndOnlyFailedWhenAsked() {
        answers.put("POST /connectors/rideops-source/restart", "");

        connector().restart(true);
        connector().restart(false);

        assertThat(calls)
                .contains("POST /connectors/rideops-source/restart?includeTasks=true&onlyFailed=true")
                .contains("POST /connectors/rideops-source/restart?includeTasks=true&onlyFailed=false");
    }

    @Test
    void pauseAndResumeAreConnectsOwnCalls() {
        answers.put("PUT /connectors/rideops-source/pause", "");
        answers.put("PUT /connectors/rideops-source/resume", "");

        connector().pause();
        connector().resume();

        assertThat(calls).contains("PUT /connectors/rideops-source/pause", "PUT /connectors/rideops-source/resume");
    }

    @Test
    void aConnectorThatIsNotRegisteredSaysHowToDeployIt() {
        answers.put("GET /connectors", "[]");

        assertThatThrownBy(() -> connector().restart(false))
                .isInstanceOf(ClientException.class)
                .hasMessageStartingWith("the CDC connector rideops-source is not registered in Kafka Connect at http")
                .satisfies(e ->
                        assertThat(((ClientException) e).fix()).isEqualTo("run 'rideops deploy --only connector'"));
        assertThat(calls).noneMatch(c -> c.startsWith("POST"));
    }
}
