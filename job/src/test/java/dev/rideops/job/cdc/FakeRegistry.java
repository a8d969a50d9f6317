package dev.rideops.job.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * Apicurio Registry as far as the converter and the job use it, on an ephemeral loopback port: the v2 API's
 * artifact creation the 2.x converter registers schemas with (one content id per distinct schema, and a global id
 * that differs from it, so a reader of the wrong id finds nothing), and the v3 API's content by id the job reads.
 * Every other request is a 404, recorded, so a test sees what the converter asked that this does not play. Like the
 * local registry, it asks every request for a basic login: {@link #CONNECT_USER} may register and read, {@link
 * #JOB_USER} only read (a 403 otherwise); no login or a wrong one is a 401. Over https when given a server TLS
 * context, as the local registry with {@code security.tls}.
 */
final class FakeRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long GLOBAL_ID_OFFSET = 1000;
    static final String CONNECT_USER = "registry-connect";
    static final String CONNECT_PASSWORD = "connect-pw-1";
    static final String JOB_USER = "registry-job";
    static final String JOB_PASSWORD = "job-pw-2";

    private final HttpServer server;
    private final String scheme;
    private final Map<String, Integer> idsByContent = new ConcurrentHashMap<>();
    private final Map<Integer, String> contentById = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeRegistry() throws IOException {
        this(null);
    }

    /** @param tls the server's certificate and key: https only; null: plain http */
    FakeRegistry(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        scheme = tls == null ? "http" : "https";
        server.createContext("/", this::handle);
        server.start();
    }

    /** The v3 API, as the job is given it. */
    String v3Url() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/apis/registry/v3";
    }

    /** The schema registered under a content id. */
    String content(int contentId) {
        return contentById.get(contentId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String login = exchange.getRequestHeaders().getFirst("Authorization");
        boolean connect = basic(CONNECT_USER, CONNECT_PASSWORD).equals(login);
        if (!connect && !basic(JOB_USER, JOB_PASSWORD).equals(login)) {
            requests.add(method + " " + path + " 401");
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        if (!connect && !method.equals("GET")) {
            requests.add(method + " " + path + " 403");
            respond(exchange, 403, "{\"status\":403}");
            return;
        }
        requests.add(method + " " + path);
        if (method.equals("POST") && path.matches("/apis/registry/v2/groups/[^/]+/artifacts")) {
            respond(exchange, 200, register(exchange, path, new String(body, StandardCharsets.UTF_8)));
        } else if (method.equals("GET") && path.startsWith("/apis/registry/v3/ids/contentIds/")) {
            String content = contentById.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
            respond(exchange, content == null ? 404 : 200, content == null ? "{\"status\":404}" : content);
        } else {
            respond(exchange, 404, "{\"status\":404}");
        }
    }

    /** Creates (or returns) the artifact: its content is the schema, bare or in 2.x's extended create request. */
    private String register(HttpExchange exchange, String path, String body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String content = type != null && type.contains("create.extended")
                ? JSON.readTree(body).path("content").asText()
                : body;
        int contentId = idsByContent.computeIfAbsent(content, c -> idsByContent.size() + 1);
        contentById.put(contentId, content);
        String artifactId = exchange.getRequestHeaders().getFirst("X-Registry-ArtifactId");
        ObjectNode meta = JSON.createObjectNode()
                .put("groupId", path.split("/")[5])
                .put("id", artifactId)
                .put("version", "1")
                .put("type", "AVRO")
                .put("state", "ENABLED")
                .put("globalId", GLOBAL_ID_OFFSET + contentId)
                .put("contentId", contentId);
        return meta.toString();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
