package dev.rideops.stack.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SecureHttpTransportSettingsProvider;
import org.opensearch.plugins.SecureSettingsFactory;
import org.opensearch.plugins.SecureTransportSettingsProvider;
import org.opensearch.plugins.TransportExceptionHandler;
import org.opensearch.transport.Netty4Plugin;

/**
 * HTTPS on the node's REST port ({@code security.tls}), without OpenSearch Security: OpenSearch's own secure Netty
 * HTTP transport ({@value #HTTP_TYPE}, in the netty4 module) takes its TLS engine from the one plugin that offers a
 * {@link SecureSettingsFactory}, this one, which serves the key and chain of {@code rideops.tls.key_store}
 * ({@link PemKeyStore}). Loaded only when TLS is asked for ({@link SearchNodeMain}), which also sets
 * {@code http.type} after the user's settings, so none turns it back to plain http. The transport port (127.0.0.1)
 * stays plain, as the node has no peer.
 */
public final class TlsHttpPlugin extends Plugin {

    public static final String HTTP_TYPE = Netty4Plugin.NETTY_SECURE_HTTP_TRANSPORT_NAME;

    public static final Setting<String> KEY_STORE =
            Setting.simpleString("rideops.tls.key_store", Setting.Property.NodeScope);

    private final SSLContext context;

    public TlsHttpPlugin(Settings settings) {
        String file = KEY_STORE.get(settings);
        if (file.isEmpty()) {
            throw new IllegalArgumentException(
                    KEY_STORE.getKey() + " is not set: the node has no certificate to serve");
        }
        this.context = PemKeyStore.serverContext(Path.of(file));
    }

    @Override
    public List<Setting<?>> getSettings() {
        return List.of(KEY_STORE);
    }

    @Override
    public Optional<SecureSettingsFactory> getSecureSettingFactory(Settings settings) {
        return Optional.of(new SecureSettingsFactory() {
            @Override
            public Optional<SecureTransportSettingsProvider> getSecureTransportSettingsProvider(Settings settings) {
                return Optional.empty();
            }

            @Override
            public Optional<SecureHttpTransportSettingsProvider> getSecureHttpTransportSettingsProvider(
                    Settings settings) {
                return Optional.of(new SecureHttpTransportSettingsProvider() {
                    @Override
                    public Optional<TransportExceptionHandler> buildHttpServerExceptionHandler(
                            Settings settings, HttpServerTransport transport) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<SSLEngine> buildSecureHttpServerEngine(
                            Settings settings, HttpServerTransport transport) {
                        return Optional.of(serverEngine());
                    }
                });
            }
        });
    }

    /** One engine per connection, in server mode: no client certificate is asked for (basic auth follows). */
    SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }
}
