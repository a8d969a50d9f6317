package dev.rideops.stack.search;

import static dev.rideops.stack.testing.InMemoryHandshake.handshake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.common.network.NetworkModule;
import org.opensearch.common.network.NetworkService;
import org.opensearch.common.settings.ClusterSettings;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.BigArrays;
import org.opensearch.common.util.PageCacheRecycler;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.indices.breaker.NoneCircuitBreakerService;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.http.netty4.ssl.SecureNetty4HttpServerTransport;
import org.opensearch.plugins.SecureHttpTransportSettingsProvider;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestRequest;
import org.opensearch.telemetry.tracing.noop.NoopTracer;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.Netty4Plugin;

/**
 * The engine the node's secure HTTP transport gets from the plugin, driven through a TLS handshake in memory with a
 * client as rideops's: trusting the CA's PEM alone and checking the host name. The fixtures under {@code tls/} are a
 * test-only CA and a certificate for 127.0.0.1 and localhost it signed (openssl, valid a century), and another CA.
 */
class TlsHttpPluginTest {

    @TempDir
    Path dir;

    @Test
    void theSecureHttpTransportGetsAnEngineServingTheKeyStoreThatAClientOfTheCaVerifiesFor127001() throws Exception {
        SSLEngine server = engineOf(plugin(resource("search-server.pem")));

        handshake(server, client("ca.pem", "127.0.0.1"));

        assertThat(server.getUseClientMode()).isFalse();
        assertThat(server.getNeedClientAuth()).isFalse();
    }

    @Test
    void theNodesNetworkModuleServesHttpThroughOpenSearchsSecureTransportWithThePlugin() throws Exception {
        // what the node does with the settings SearchNodeMain puts and the factory the plugin offers (no port bound)
        Settings settings = Settings.builder()
                .put("node.name", "tls-test")
                .put("http.type", TlsHttpPlugin.HTTP_TYPE)
                .put(
                        TlsHttpPlugin.KEY_STORE.getKey(),
                        resource("search-server.pem").toString())
                .build();
        ThreadPool pool = new ThreadPool(settings);
        try {
            NetworkModule network = new NetworkModule(
                    settings,
                    List.of(new Netty4Plugin()),
                    pool,
                    BigArrays.NON_RECYCLING_INSTANCE,
                    PageCacheRecycler.NON_RECYCLING_INSTANCE,
                    new NoneCircuitBreakerService(),
                    new NamedWriteableRegistry(List.of()),
                    NamedXContentRegistry.EMPTY,
                    new NetworkService(List.of()),
                    new HttpServerTransport.Dispatcher() {
                        @Override
                        public void dispatchRequest(RestRequest request, RestChannel channel, ThreadContext context) {}

                        @Override
                        public void dispatchBadRequest(RestChannel channel, ThreadContext context, Throwable cause) {}
                    },
                    new ClusterSettings(settings, ClusterSettings.BUILT_IN_CLUSTER_SETTINGS),
                    NoopTracer.INSTANCE,
                    List.of(),
                    List.of(new TlsHttpPlugin(settings)
                            .getSecureSettingFactory(settings)
                            .orElseThrow()));

            assertThat(network.getHttpServerTransportSupplier().get())
                    .isInstanceOf(SecureNetty4HttpServerTransport.class);
        } finally {
            ThreadPool.terminate(pool, 5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientOfAnotherCaOrForAnotherHostRefusesTheNode() throws Exception {
        TlsHttpPlugin plugin = plugin(resource("search-server.pem"));

        assertThatThrownBy(() -> handshake(engineOf(plugin), client("other-ca.pem", "127.0.0.1")))
                .isInstanceOf(SSLException.class)
                .hasMessageContaining("PKIX");
        assertThatThrownBy(() -> handshake(engineOf(plugin), client("ca.pem", "search.example")))
                .isInstanceOf(SSLException.class)
                .hasMessageContaining("search.example");
    }

    @Test
    void aKeyStoreWithoutAKeyOrNoneAtAllStopsTheNodeNamingTheFile() throws IOException, URISyntaxException {
        Path certificatesOnly = Files.writeString(dir.resolve("no-key.pem"), Files.readString(resource("ca.pem")));

        assertThatThrownBy(() -> plugin(certificatesOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no PRIVATE KEY")
                .hasMessageContaining(certificatesOnly.toString());
        assertThatThrownBy(() -> new TlsHttpPlugin(Settings.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rideops.tls.key_store");
    }

    private static TlsHttpPlugin plugin(Path keyStore) {
        return new TlsHttpPlugin(Settings.builder()
                .put(TlsHttpPlugin.KEY_STORE.getKey(), keyStore.toString())
                .build());
    }

    /** What OpenSearch's secure HTTP transport asks of the plugin for each connection. */
    private static SSLEngine engineOf(TlsHttpPlugin plugin) throws SSLException {
        SecureHttpTransportSettingsProvider provider = plugin.getSecureSettingFactory(Settings.EMPTY)
                .orElseThrow()
                .getSecureHttpTransportSettingsProvider(Settings.EMPTY)
                .orElseThrow();
        return provider.buildSecureHttpServerEngine(Settings.EMPTY, null).orElseThrow();
    }

    /** A client trusting the CA of {@code caResource} alone, checking {@code host} as an https client does. */
    private static SSLEngine client(String caResource, String host)
            throws IOException, GeneralSecurityException, URISyntaxException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(resource(caResource))) {
            trusted.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLEngine engine = context.createSSLEngine(host, 9200);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TlsHttpPluginTest.class.getResource("/tls/" + name).toURI());
    }
}
