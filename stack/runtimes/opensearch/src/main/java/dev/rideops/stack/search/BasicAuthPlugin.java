package dev.rideops.stack.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.opensearch.client.node.NodeClient;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestChannel;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestRequest;

/**
 * rideops's minimal authentication for the embedded node, on OpenSearch's REST-wrapper extension point: every
 * REST request must carry basic auth of a user in the users file ({@code rideops.auth.users_file}), else 401 with a
 * {@code WWW-Authenticate} challenge; a user whose role may not make it gets 403 with the reason. Not OpenSearch
 * Security (which needs TLS on the transport layer, certificates and a security index bootstrap): there is no
 * document- or field-level security, no audit log, and the transport port (bound to 127.0.0.1) is not covered.
 */
public final class BasicAuthPlugin extends Plugin implements ActionPlugin {

    public static final Setting<String> USERS_FILE =
            Setting.simpleString("rideops.auth.users_file", Setting.Property.NodeScope);

    private final SearchGate gate;

    public BasicAuthPlugin(Settings settings) {
        String file = USERS_FILE.get(settings);
        if (file.isEmpty()) {
            throw new IllegalArgumentException(USERS_FILE.getKey() + " is not set: the node would answer anyone");
        }
        try {
            this.gate = new SearchGate(SearchUsers.read(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search users file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Setting<?>> getSettings() {
        return List.of(USERS_FILE);
    }

    @Override
    public UnaryOperator<RestHandler> getRestHandlerWrapper(ThreadContext threadContext) {
        return handler -> new RestHandler.Wrapper(handler) {
            @Override
            public void handleRequest(RestRequest request, RestChannel channel, NodeClient client) throws Exception {
                SearchGate.Verdict verdict = gate.check(
                        request.header("Authorization"),
                        request.method().name(),
                        request.path(),
                        () -> BulkIndexes.of(body(request), request.param("index", "")));
                if (verdict.allowed()) {
                    super.handleRequest(request, channel, client);
                } else {
                    channel.sendResponse(refusal(verdict));
                }
            }
        };
    }

    private static String body(RestRequest request) {
        if (request.hasContent()) {
            return request.content().utf8ToString();
        }
        String source = request.param("source");
        return source == null ? "" : source;
    }

    /** Shaped like Elasticsearch's security errors, so clients that read {@code error.reason} show it. */
    private static BytesRestResponse refusal(SearchGate.Verdict verdict) {
        String json = "{\"error\":{\"type\":\"security_exception\",\"reason\":\"" + escape(verdict.reason())
                + "\"},\"status\":" + verdict.status() + "}";
        BytesRestResponse response = new BytesRestResponse(
                RestStatus.fromCode(verdict.status()),
                "application/json; charset=UTF-8",
                json.getBytes(StandardCharsets.UTF_8));
        if (verdict.status() == 401) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"" + SearchGate.REALM + "\", charset=\"UTF-8\"");
        }
        return response;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
