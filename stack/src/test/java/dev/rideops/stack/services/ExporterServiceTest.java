package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.LoginRefused;
import dev.rideops.stack.lifecycle.ServiceDirs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterServiceTest {

    @TempDir
    Path home;

    private ExporterService exporter() {
        return new ExporterService(
                ServiceDirs.of(home, ExporterService.NAME),
                new RuntimeLayout(home.resolve("dist")),
                9400,
                "{\"password\":\"s3cret\"}",
                () -> new BasicAuth("prometheus", "s3cret"),
                new LogRotation(50L << 20, 4));
    }

    @Test
    void itRunsTheExporterCommandWithTheConfigHandedOverInAFileOnlyTheUserCanRead() throws Exception {
        ExporterService exporter = exporter();
        ServiceDirs.of(home, ExporterService.NAME).create();

        exporter.prepare();
        List<String> command = exporter.command();

        Path handover = home.resolve("services/exporter/config-handover.json");
        assertThat(handover).hasContent("{\"password\":\"s3cret\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(handover)))
                .isEqualTo("rw-------");
        assertThat(command.subList(command.indexOf("--config-handover"), command.size()))
                .containsExactly("--config-handover", handover.toString(), "exporter");
        assertThat(command).contains("-Xmx96m");
        assertThat(String.join(" ", command)).doesNotContain("s3cret");
    }

    @Test
    void itIsScrapedAndProbedOnItsPort() {
        assertThat(exporter().port()).isEqualTo(9400);
        assertThat(exporter().endpoint()).isEqualTo("http://127.0.0.1:9400/metrics");
        // nothing listens on this port in a unit test: the probe says so instead of throwing
        assertThat(new ExporterService(
                                ServiceDirs.of(home, ExporterService.NAME),
                                new RuntimeLayout(home),
                                1,
                                "{}",
                                () -> new BasicAuth("prometheus", "pw"),
                                new LogRotation(1 << 20, 1))
                        .probe())
                .isNotNull();
    }

    /** The exporter asks for basic auth on its health path too: the probe sends the login, so a 401 is unhealthy. */
    @Test
    void theProbeSendsTheLogin() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(ExporterService.HEALTH_PATH, exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                })
                .setAuthenticator(new BasicAuth("prometheus", "right").authenticator("test"));
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThat(probe(port, "right")).isNull();
            String refused = probe(port, "wrong");
            assertThat(refused)
                    .contains("HTTP 401")
                    .contains("as 'prometheus': it keeps the login it started with; 'rideops restart exporter'")
                    .doesNotContain("wrong");
            assertThat(LoginRefused.is(refused)).as("up and wait stop at it").isTrue();
        } finally {
            server.stop(0);
        }
    }

    private String probe(int port, String password) {
        return new ExporterService(
                        ServiceDirs.of(home, ExporterService.NAME),
                        new RuntimeLayout(home),
                        port,
                        "{}",
                        () -> new BasicAuth("prometheus", password),
                        new LogRotation(1 << 20, 1))
                .probe();
    }
}
