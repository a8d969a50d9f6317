package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.JavaRuntimes;
import dev.rideops.stack.os.JavaRuntimesTest;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's command line, checked without starting it, and its probe against a registry played by a JDK
 * HttpServer on an ephemeral loopback port.
 */
class RegistryServiceTest {

    private static final LogRotation LOGS = new LogRotation(50L << 20, 4);
    private static final Map<String, String> PASSWORDS =
            Map.of(Secrets.REGISTRY_CONNECT, "connect-pw-4711", Secrets.REGISTRY_JOB, "job-pw-0815");

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private RegistryService registry(int port) throws IOException {
        JavaRuntimesTest.fakeJava(home.resolve("jvm/jdk-21"), "21.0.2");
        return registry(port, new JavaRuntimes(home.resolve("jvm/java-17"), home.resolve("jvm")));
    }

    private RegistryService registry(int port, JavaRuntimes javas) {
        return new RegistryService(
                ServiceDirs.of(home, "registry"),
                port,
                8091,
                256,
                home.resolve("app"),
                new StackSpec.Registry(
                        true, port, 8091, 256, new StackSpec.RegistryUsers("registry-connect", "registry-job"), ""),
                javas,
                PASSWORDS::get,
                LOGS);
    }

    @Test
    void withoutAJava21ItDoesNotStartAndSaysHowToGetOne() throws IOException {
        Path jvms = Files.createDirectories(home.resolve("jvm"));
        RegistryService registry =
                registry(8080, new JavaRuntimes(JavaRuntimesTest.fakeJava(jvms.resolve("java-17"), "17"), jvms));

        assertThatThrownBy(registry::command)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("registry needs Java 21 or newer")
                .hasMessageEndingWith("or set registry.java-home");
    }

    @Test
    void itRunsTheApplicationOnLoopbackBothPortsKeepingSchemasInAFileOfItsData() throws IOException {
        RegistryService registry = registry(8080);

        List<String> command = registry.command();

        // the Java it was given, not the CLI's: Apicurio 3.3 does not load on Java 17
        assertThat(command.get(0)).isEqualTo(home.resolve("jvm/jdk-21/bin/java").toString());
        assertThat(command)
                .containsSubsequence("-cp", home.resolve("app/quarkus-run.jar").toString(), RegistryService.MAIN_CLASS)
                .contains(
                        "-Xmx256m",
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=8080",
                        "-Dquarkus.management.host=127.0.0.1",
                        // never Quarkus's default 9000, which nothing in the stack's port list would name
                        "-Dquarkus.management.port=8091",
                        "-Dapicurio.datasource.url=jdbc:h2:file:" + home.resolve("services/registry/data/registry"),
                        "-Djava.io.tmpdir=" + home.resolve("services/registry/data/tmp"));
        assertThat(command).noneMatch(arg -> arg.contains("jdbc:h2:mem"));
        assertThat(registry.endpoint()).isEqualTo("http://127.0.0.1:8080/apis/registry/v3");
    }

    @Test
    void everyReadAndWriteAsksForABasicLoginCheckedByRoleAgainstAUsersFileNotTheCommandLine() throws IOException {
        RegistryService registry = registry(8080);
        Path users = home.resolve("services/registry/conf/secrets/users.properties");

        List<String> command = registry.command();

        assertThat(command)
                .contains(
                        "-Dquarkus.http.auth.basic=true",
                        "-Dquarkus.security.users.embedded.plain-text=false",
                        "-Dquarkus.security.users.embedded.algorithm=digest-sha-512",
                        "-Dquarkus.config.locations=" + users,
                        "-Dapicurio.auth.role-based-authorization=true",
                        "-Dapicurio.auth.role-source=token",
                        "-Dapicurio.config.dynamic.allow-all=false");
        assertThat(String.join(" ", command))
                .doesNotContain("connect-pw-4711")
                .doesNotContain("job-pw-0815")
                .doesNotContain(RegistryUsersFile.digest("registry-job", "job-pw-0815"))
                .doesNotContain("embedded.users.");
    }

    @Test
    void preparingMakesItsOwnTemporaryDirectoryAndAnOwnerOnlyUsersFileOfDigestsAndRoles() throws IOException {
        RegistryService registry = registry(8080);
        ServiceDirs.of(home, "registry").create();

        registry.prepare();

        assertThat(Files.isDirectory(registry.tmp())).isTrue();
        Path users = registry.secrets().file(RegistryService.USERS_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(users))
                .contains("quarkus.security.users.embedded.users.registry-connect="
                        + RegistryUsersFile.digest("registry-connect", "connect-pw-4711"))
                .contains("quarkus.security.users.embedded.roles.registry-connect=sr-developer")
                .contains("quarkus.security.users.embedded.users.registry-job="
                        + RegistryUsersFile.digest("registry-job", "job-pw-0815"))
                .contains("quarkus.security.users.embedded.roles.registry-job=sr-readonly")
                .doesNotContain("connect-pw-4711")
                .doesNotContain("job-pw-0815");
    }

    /** System info is the one call Apicurio answers without a login, so the probe needs none. */
    @Test
    void itIsHealthyWhenItsSystemInfoAnswersAndNotBefore() throws IOException {
        int[] status = {503};
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] body =
                    "{\"name\":\"Apicurio Registry (SQL)\",\"version\":\"3.3.3\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        RegistryService registry = registry(server.getAddress().getPort());

        assertThat(registry.probe()).startsWith("HTTP 503");
        status[0] = 200;
        assertThat(registry.probe()).isNull();
        assertThat(paths).containsOnly("/apis/registry/v3/system/info");
    }
}
