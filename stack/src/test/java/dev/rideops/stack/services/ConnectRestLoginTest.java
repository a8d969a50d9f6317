package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.URIParameter;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.login.Configuration;
import org.apache.kafka.connect.rest.basic.auth.extension.JaasBasicAuthFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Connect worker's REST login as the worker runs it: the files {@link ConnectWorker} writes, read by Kafka's own
 * {@code JaasBasicAuthFilter} (the filter {@code BasicAuthSecurityRestExtension} registers), which then decides
 * requests. A request it lets through is shown as 200, one it aborts with the status it aborts with.
 */
class ConnectRestLoginTest {

    private static final LogRotation LOGS = new LogRotation(50L << 20, 4);
    /** Characters a properties file and basic auth must carry as they are. */
    private static final BasicAuth LOGIN = new BasicAuth("rideops", "p:w=d #!\\ é");

    @TempDir
    Path home;

    private ConnectWorker worker;
    private JaasBasicAuthFilter filter;

    static ConnectWorker worker(Path home, String compression, BasicAuth login) {
        return worker(home, 8083, compression, login);
    }

    private static ConnectWorker worker(Path home, int port, String compression, BasicAuth login) {
        return new ConnectWorker(
                ServiceDirs.of(home, "connect"),
                port,
                "127.0.0.1:9092",
                1,
                512,
                compression,
                home.resolve("lib"),
                home.resolve("plugins"),
                home.resolve("secrets"),
                () -> login,
                LOGS);
    }

    @BeforeEach
    void prepareTheWorker() throws Exception {
        worker = worker(home, "lz4", LOGIN);
        Files.createDirectories(home.resolve("services/connect/conf"));
        worker.prepare();
        // what the worker's JVM reads from -Djava.security.auth.login.config
        filter = new JaasBasicAuthFilter(Configuration.getInstance(
                "JavaLoginConfig", new URIParameter(worker.restJaas().toUri())));
    }

    @Test
    void aRequestWithoutTheLoginIs401() {
        assertThat(status("GET", "connectors", null)).isEqualTo(401);
        assertThat(status("GET", "connector-plugins", "Bearer abc")).isEqualTo(401);
    }

    @Test
    void aWrongPasswordOrUserIs401() {
        assertThat(status("GET", "connectors", new BasicAuth("rideops", "wrong").header()))
                .isEqualTo(401);
        assertThat(status("GET", "connectors", new BasicAuth("admin", LOGIN.password()).header()))
                .isEqualTo(401);
        assertThat(status("PUT", "connectors/rideops-source/config", new BasicAuth("rideops", "p:w=d").header()))
                .isEqualTo(401);
    }

    @Test
    void theRightLoginPassesOnEveryPath() {
        assertThat(status("GET", "connectors", LOGIN.header())).isEqualTo(200);
        assertThat(status("PUT", "connectors/rideops-source/config", LOGIN.header()))
                .isEqualTo(200);
        assertThat(status("PUT", "admin/loggers/root", LOGIN.header())).isEqualTo(200);
    }

    @Test
    void onlyConnectsOwnSignedWorkerToWorkerCallsPassWithoutIt() {
        // a follower forwards its tasks' configs here; Connect checks its own session key on these
        assertThat(status("POST", "connectors/rideops-source/tasks", null)).isEqualTo(200);
        assertThat(status("GET", "connectors/rideops-source/tasks", null)).isEqualTo(401);
    }

    @Test
    void thePasswordIsInAFileOnlyTheWorkersUserCanReadAndTheJvmIsToldWhereItIs() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(worker.restUsers())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(worker.restJaas()))
                .contains("KafkaConnect {")
                .contains("PropertyFileLoginModule required")
                .contains("file=\"" + worker.restUsers().toAbsolutePath() + "\"")
                .doesNotContain(LOGIN.password());
        assertThat(worker.properties())
                .containsEntry(
                        "rest.extension.classes",
                        "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension");
        assertThat(worker.command())
                .contains("-Djava.security.auth.login.config=" + worker.restJaas())
                .noneMatch(arg -> arg.contains(LOGIN.password()));
    }

    @Test
    void aNewPasswordReplacesTheOldOneOnTheNextStart() throws Exception {
        ConnectWorker changed = worker(home, "lz4", new BasicAuth("rideops", "second"));
        changed.prepare();

        assertThat(Files.readString(changed.restUsers()))
                .contains("rideops=second")
                .doesNotContain("p\\:w");
        assertThat(Files.readAllLines(changed.restUsers()).stream().filter(l -> !l.startsWith("#")))
                .as("one user: an empty file would let everyone in")
                .hasSize(1);
    }

    @Test
    void theStacksProbeLogsInAndSaysWhatToDoWhenTheWorkerKeepsAnOlderPassword() throws Exception {
        // an ephemeral loopback port, never the stack's 8083; it answers as the worker started with LOGIN would
        HttpServer connect = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        connect.createContext("/", exchange -> {
            boolean in = LOGIN.header().equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (in ? "[{\"class\":\"" + ConnectWorker.DEBEZIUM_POSTGRES + "\"}]" : "")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(in ? 200 : 401, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        connect.start();
        try {
            int port = connect.getAddress().getPort();

            assertThat(worker(home, port, "lz4", LOGIN).probe()).isNull();
            assertThat(worker(home, port, "lz4", new BasicAuth("rideops", "changed since"))
                            .probe())
                    .as("a login problem: up and wait stop at it instead of waiting out the start timeout")
                    .startsWith("login refused: HTTP 401 from http://127.0.0.1:" + port + "/connector-plugins")
                    .contains("'rideops restart connect'")
                    .doesNotContain("changed since");
        } finally {
            connect.stop(0);
        }
    }

    /** The filter's decision on one request: 200 when it lets it through, else the status it aborts with. */
    private int status(String method, String path, String authorization) {
        AtomicReference<Response> aborted = new AtomicReference<>();
        UriInfo uri = proxy(UriInfo.class, (name, args) -> {
            if (name.equals("getPath")) {
                return path;
            }
            throw new UnsupportedOperationException(name);
        });
        ContainerRequestContext request = proxy(ContainerRequestContext.class, (name, args) -> switch (name) {
            case "getMethod" -> method;
            case "getUriInfo" -> uri;
            case "getHeaderString" -> "Authorization".equals(args[0]) ? authorization : null;
            case "abortWith" -> {
                aborted.set((Response) args[0]);
                yield null;
            }
            case "setSecurityContext" -> null;
            default -> throw new UnsupportedOperationException(name);
        });
        filter.filter(request);
        return aborted.get() == null ? 200 : aborted.get().getStatus();
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> answer.answer(m.getName(), args)));
    }
}
