package dev.rideops.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.cli.env.StackEnvironment;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.Stack;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How rideops reaches Kafka Connect's REST API, the search node and the schema registry with and without
 * {@code security.tls}.
 */
class RestTlsTest {

    @TempDir
    Path work;

    @TempDir
    Path user;

    private static final FlagValue TLS = new FlagValue(Setting.SECURITY_TLS, "true", "--tls");

    private RideopsConfig load(Map<String, String> env, FlagValue... flags) {
        return new ConfigLoader(env, work, user).load(Optional.empty(), List.of(flags));
    }

    private static Endpoints endpoints(RideopsConfig config) {
        return Endpoints.from(config, spec(config));
    }

    private static StackSpec spec(RideopsConfig config) {
        return StackSpecs.from(config, new RuntimeLayout(Path.of("/opt/rideops")), () -> 0, 1, new Executables(""));
    }

    @Test
    void byDefaultTheLocalWorkerAndNodeAreReachedOverPlainHttpAsBefore() {
        RideopsConfig config = load(Map.of());
        Endpoints endpoints = endpoints(config);

        assertThat(endpoints.connectUrl()).isEqualTo("http://127.0.0.1:8083");
        assertThat(endpoints.searchUrl()).isEqualTo("http://127.0.0.1:9200");
        assertThat(endpoints.connectTls()).isNull();
        assertThat(endpoints.searchTls()).isNull();
        assertThat(endpoints.searchAsReader(config).base()).isEqualTo("http://127.0.0.1:9200");
        assertThat(StackEnvironment.variables(config, spec(config)))
                .doesNotContainKeys("CONNECT_SSL_CA", "SEARCH_SSL_CA");
    }

    @Test
    void withTlsBothAreHttpsVerifiedAgainstThePublicCopyOfTheLocalCaAlone() {
        RideopsConfig config = load(Map.of(), TLS);
        Path ca = Stack.caCertificate(config.home(), config.rootsStack());
        Endpoints endpoints = endpoints(config);

        assertThat(endpoints.connectUrl()).isEqualTo("https://127.0.0.1:8083");
        assertThat(endpoints.searchUrl()).isEqualTo("https://127.0.0.1:9200");
        for (ClientTls tls : List.of(endpoints.connectTls(), endpoints.searchTls())) {
            assertThat(tls.keystore()).as("no client certificate").isNull();
            assertThat(tls.truststore().file()).isEqualTo(ca);
            assertThat(tls.truststore().format()).isEqualTo(ClientTls.Format.PEM);
        }
        assertThat(endpoints.connectTls().fix()).startsWith("set connect.ssl-ca (RIDEOPS_CONNECT_SSL_CA)");
        assertThat(endpoints.searchTls().fix())
                .startsWith("set search.ssl-ca (RIDEOPS_SEARCH_SSL_CA)")
                .contains("'rideops restart search'");
        assertThat(endpoints.searchAsAdmin(config).base()).isEqualTo("https://127.0.0.1:9200");
        assertThat(RestTls.searchCa(config)).isEqualTo(ca.toString());
        assertThat(StackEnvironment.variables(config, spec(config)))
                .containsEntry("CONNECT_URL", "https://127.0.0.1:8083")
                .containsEntry("CONNECT_SSL_CA", ca.toString())
                .containsEntry("SEARCH_URL", "https://127.0.0.1:9200")
                .containsEntry("SEARCH_SSL_CA", ca.toString());
    }

    @Test
    void aRemoteHttpsServerIsVerifiedWithTheCaTheUserNamesElseTheJvmsNeverTheLocalOne() {
        RideopsConfig named = load(
                Map.of(
                        "RIDEOPS_CONNECT_URL", "https://connect.example:8443",
                        "RIDEOPS_CONNECT_SSL_CA", "/etc/ssl/connect-ca.pem",
                        "RIDEOPS_SEARCH_URL", "https://search.example:9200"),
                TLS);

        assertThat(endpoints(named).connectTls().truststore().file()).isEqualTo(Path.of("/etc/ssl/connect-ca.pem"));
        assertThat(endpoints(named).connectTls().fix()).doesNotContain("restart");
        assertThat(endpoints(named).searchTls()).as("the JVM's trusted CAs").isNull();
        assertThat(RestTls.searchCa(named)).isEmpty();
        assertThat(endpoints(load(Map.of(
                                "RIDEOPS_SEARCH_URL",
                                "http://search.example:9200",
                                "RIDEOPS_SEARCH_SSL_CA",
                                "/etc/ssl/search-ca.pem")))
                        .searchTls())
                .as("plain http needs no CA")
                .isNull();
    }

    @Test
    void theLocalRegistryIsHttpsWithTlsVerifiedAgainstTheLocalCaAndARemoteOneNeverAgainstIt() {
        RideopsConfig tls = load(Map.of("RIDEOPS_CDC_FORMAT", "avro"), TLS);
        Path ca = Stack.caCertificate(tls.home(), tls.rootsStack());
        String url = Endpoints.registryUrl(tls);

        assertThat(url).isEqualTo("https://127.0.0.1:8080/apis/registry/v3");
        assertThat(RestTls.registry(tls, url).truststore().file()).isEqualTo(ca);
        assertThat(RestTls.registry(tls, url).fix())
                .startsWith("set registry.ssl-ca (RIDEOPS_REGISTRY_SSL_CA)")
                .contains("'rideops restart registry'");
        assertThat(RestTls.registryCa(tls, url)).isEqualTo(ca.toString());
        // env gives a shell the registry as the job reads it: its read-only user, where its password is set
        assertThat(StackEnvironment.variables(tls, spec(tls)))
                .containsEntry("REGISTRY_URL", url)
                .containsEntry("REGISTRY_SSL_CA", ca.toString())
                .containsEntry("REGISTRY_USER", tls.get(Setting.REGISTRY_JOB_USER))
                .containsEntry(
                        "REGISTRY_PASSWORD_FROM",
                        "the built-in default (setting registry.job-password, env RIDEOPS_REGISTRY_JOB_PASSWORD)");
        assertThat(StackEnvironment.variables(tls, spec(tls)).values())
                .as("never the password itself")
                .doesNotContain(tls.get(Setting.REGISTRY_JOB_PASSWORD));

        RideopsConfig plain = load(Map.of("RIDEOPS_CDC_FORMAT", "avro"));
        String plainUrl = Endpoints.registryUrl(plain);
        assertThat(plainUrl).isEqualTo("http://127.0.0.1:8080/apis/registry/v3");
        assertThat(RestTls.registry(plain, plainUrl)).isNull();
        assertThat(RestTls.registryCa(plain, plainUrl)).isEmpty();
        assertThat(StackEnvironment.variables(plain, spec(plain)))
                .containsEntry("REGISTRY_URL", plainUrl)
                .doesNotContainKey("REGISTRY_SSL_CA");
        assertThat(StackEnvironment.variables(load(Map.of()), spec(load(Map.of()))))
                .as("a JSON stack has no registry")
                .doesNotContainKeys("REGISTRY_URL", "REGISTRY_USER");

        RideopsConfig remote = load(Map.of("RIDEOPS_REGISTRY_URL", "https://schemas.example/apis/registry/v3"), TLS);
        String remoteUrl = Endpoints.registryUrl(remote);
        assertThat(RestTls.registry(remote, remoteUrl))
                .as("the JVM's trusted CAs")
                .isNull();
        assertThat(RestTls.registryCa(remote, remoteUrl)).isEmpty();
    }

    @Test
    void aStackStartedWithTlsIsReachedOverHttpsByLaterCommands() throws Exception {
        RideopsConfig up = load(Map.of(), TLS);
        Files.createDirectories(up.home());
        new ObjectMapper().writeValue(Stack.specFile(up.home()).toFile(), spec(up));

        Endpoints later = endpoints(load(Map.of()));

        assertThat(later.connectUrl()).isEqualTo("https://127.0.0.1:8083");
        assertThat(later.searchUrl()).isEqualTo("https://127.0.0.1:9200");
        assertThat(later.searchTls().truststore().file()).isEqualTo(Stack.caCertificate(up.home(), up.rootsStack()));
    }
}
