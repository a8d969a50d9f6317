package dev.rideops.clients.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.clients.ClientException;
import dev.rideops.clients.LoginRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLException;

/**
 * The one HTTP helper: JSON over HTTP for the Connect, Flink and search REST APIs, with errors that name the
 * endpoint and what it said, basic auth when a user is given, and TLS with the trust and client certificate of a
 * {@link ClientTls} when one is given (Flink's REST API; Kafka Connect and the search node with {@code security.tls}).
 * Health probes use {@link #probe} with a short timeout. Plain {@code java.net.http}: the stack's probes and the job's
 * tests use it outside Quarkus.
 */
public final class RestCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final String base;
    private final String what;
    private final String authorization;
    /** TLS with these stores; null: the JDK's defaults (plain http, or https to a publicly trusted server). */
    private final ClientTls tls;
    /** What to fix when the server refuses the login (401/403); null: the generic hint. */
    private String loginHint;

    public RestCalls(String base, String what) {
        this(base, what, "", "");
    }

    public RestCalls(String base, String what, String user, String password) {
        this(base, what, user, password, null);
    }

    /**
     * Basic auth when a user is given, over TLS with the stores given (null: the JDK's defaults): the search node and
     * Kafka Connect, which ask for both with {@code security.tls}.
     */
    public RestCalls(String base, String what, String user, String password, ClientTls tls) {
        this(
                base,
                what,
                user == null || user.isEmpty()
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                tls);
    }

    /** Calls to one of rideops's own servers (the dashboard, the exporter), which ask for basic auth. */
    public RestCalls(String base, String what, BasicAuth auth) {
        this(base, what, auth, null);
    }

    /** Basic auth over TLS with the stores given; null for the JDK's defaults. */
    public RestCalls(String base, String what, BasicAuth auth, ClientTls tls) {
        this(base, what, auth.header(), tls);
    }

    /** Calls over TLS with the stores given (Flink's REST API with mutual TLS); null for the JDK's defaults. */
    public RestCalls(String base, String what, ClientTls tls) {
        this(base, what, (String) null, tls);
    }

    private RestCalls(String base, String what, String authorization, ClientTls tls) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.what = what;
        this.authorization = authorization;
        this.tls = tls;
    }

    /** The same calls, answering a refused login (401, 403) with this fix: the settings that hold the login. */
    public RestCalls withLoginHint(String hint) {
        RestCalls calls = new RestCalls(base, what, authorization, tls);
        calls.loginHint = hint;
        return calls;
    }

    public String base() {
        return base;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET mapped onto a type (a record of the fields rideops reads; the rest is ignored). */
    public <T> T get(String path, Class<T> type) {
        return Json.convert(get(path), type);
    }

    /** True for a 200 to HEAD, false for a 404. */
    public boolean exists(String path) {
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(path)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(CALL_TIMEOUT)
                .build();
        int status = exchange(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (isRefusedLogin(status)) {
            // not "absent": a caller would go on to create what it may not even see
            throw refused(request, status, "");
        }
        return status == 200;
    }

    /**
     * A health probe: the body of a 200 within a few seconds, else an IOException saying what happened (refused,
     * timed out, the status). Never a ClientException: a probe's failure is a state, not an error.
     */
    public String probe(String path) throws IOException {
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(path)))
                .timeout(PROBE_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + request.uri());
            }
            return response.body();
        } catch (ClientException e) {
            // a store that cannot be read: down, as far as a probe can tell, and why
            throw new IOException(e.getMessage(), e);
        } catch (ConnectException e) {
            throw new IOException("connection refused", e);
        } catch (SSLException e) {
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public JsonNode put(String path, Object body) {
        return send(jsonRequest(path).PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    /** A PUT of a body that is JSON already. */
    public JsonNode putJson(String path, String json) {
        return send(jsonRequest(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public JsonNode post(String path, Object body) {
        return send(jsonRequest(path).POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    /** A POST of newline-delimited JSON, as the search node's {@code _bulk} takes it (every line ends with a newline). */
    public JsonNode postNdjson(String path, String ndjson) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)));
    }

    public JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public JsonNode patch(String path) {
        return send(HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** A multipart upload of one file, as Flink's {@code /jars/upload} expects. */
    public JsonNode upload(String path, Path file) throws IOException {
        return postFile(
                path,
                "jarfile",
                file.getFileName().toString(),
                "application/x-java-archive",
                Files.readAllBytes(file),
                Map.of());
    }

    /**
     * A POST of one file as {@code multipart/form-data} (Flink's jar upload, Kibana's saved-objects import), with any
     * headers the API asks for besides (Kibana's {@code kbn-xsrf}).
     */
    public JsonNode postFile(
            String path,
            String field,
            String fileName,
            String contentType,
            byte[] content,
            Map<String, String> headers) {
        String boundary = "rideops-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpRequest.Builder jsonRequest(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = authorized(request).timeout(CALL_TIMEOUT).build();
        HttpResponse<String> response = exchange(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw refused(built, response.statusCode(), response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : Json.parse(response.body());
    }

    private ClientException refused(HttpRequest request, int status, String body) {
        String problem = what + " refused " + request.method() + " "
                + request.uri().getPath() + " (HTTP " + status + (body.isBlank() ? ")" : "): " + firstLine(body));
        // its own type: a caller must not read a refused login as "nothing there yet", nor wait for it to pass
        return isRefusedLogin(status)
                ? new LoginRefusedException(problem, loginHint)
                : new ClientException(problem, hint());
    }

    private boolean isRefusedLogin(int status) {
        return loginHint != null && (status == 401 || status == 403);
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client().send(request, body);
        } catch (ConnectException e) {
            throw new ClientException(what + " is not reachable at " + base, hint());
        } catch (SSLException e) {
            if (tls != null && tls.truststore() != null && isUntrusted(e)) {
                // our own verdict: the server's certificate is not one this CA signed, or names another host
                throw new ClientException(
                        what + " at " + base + " has a TLS certificate that "
                                + tls.truststore().file() + " does not vouch for (" + e.getMessage() + ")",
                        tls.fix());
            }
            if (tls != null && String.valueOf(e.getMessage()).contains("Received fatal alert")) {
                // the server's alert: it would not take the certificate we showed (or that we showed none)
                throw notAccepted();
            }
            throw new ClientException(
                    what + " at " + base + " refused the TLS handshake (" + e.getMessage() + ")",
                    tls == null
                            ? "check that " + base + " speaks TLS and has a certificate this JVM trusts"
                            : tls.fix());
        } catch (IOException e) {
            if (tls != null && isCutOff(e)) {
                // with TLS 1.3 the server checks the client's certificate after the handshake and hangs up
                throw notAccepted();
            }
            if (base.startsWith("http://") && tls == null && isCutOff(e)) {
                throw new ClientException(
                        what + " at " + base + " closed the connection without an answer",
                        "if it serves https (the local Flink REST API does, with mutual TLS; Kafka Connect and the search"
                                + " node with security.tls), use an https:// URL");
            }
            throw new ClientException(what + " at " + base + " failed: " + e.getMessage(), hint());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while talking to " + what, "try again");
        }
    }

    private ClientException notAccepted() {
        return new ClientException(
                what + " at " + base + " closed the TLS connection without an answer: most likely it did not accept "
                        + (tls.keystore() == null
                                ? "a client without a client certificate"
                                : "the client certificate " + tls.keystore().file()),
                tls.fix());
    }

    private HttpClient client() {
        return tls == null ? CLIENT : tls.httpClient();
    }

    /** A handshake this client ended: the server's certificate did not verify against its trust (or its name). */
    private static boolean isUntrusted(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return String.valueOf(e.getMessage()).contains("PKIX");
    }

    /** What a TLS server does to a plain-text request: it hangs up before any HTTP answer. */
    private static boolean isCutOff(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("received no bytes")
                || message.contains("Connection reset")
                || message.contains("Broken pipe");
    }

    private String hint() {
        return "start the local stack with 'rideops up --no-generate', or set its URL in config to one that runs";
    }

    private static String firstLine(String body) {
        String line = body.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
