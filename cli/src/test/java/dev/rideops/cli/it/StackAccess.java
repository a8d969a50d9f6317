package dev.rideops.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.contract.PemTrust;
import dev.rideops.contract.PostgresTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * How a test's own clients reach a home's servers (JDBC, Kafka, Connect's REST API, the search node): as rideops says,
 * never assumed. Whether the stack serves TLS is what its {@code stack.json} says ({@code up --tls} writes it, and
 * every later command of the home reads it); the URLs and the CA files are what {@code rideops env --json} gives a
 * user ({@code CONNECT_URL}, {@code SEARCH_URL}, {@code *_SSL_CA}, {@code PGSSLMODE}/{@code PGSSLROOTCERT},
 * {@code KAFKA_SECURITY_PROTOCOL}/{@code KAFKA_SSL_CA}). A stack without TLS is reached as before, plain, without a
 * run of {@code env}.
 *
 */
final class StackAccess {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One client for every plain http call: it keeps no state of a server's. */
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    private final Rideops rideops;
    private final JsonNode env;
    private final HttpClient connectHttp;
    private final HttpClient searchHttp;

    /** @param env what {@code rideops env --json} said, or null for a stack without TLS */
    StackAccess(Rideops rideops, JsonNode env) {
        this.rideops = rideops;
        this.env = env;
        this.connectHttp = http(connectCa());
        this.searchHttp = http(searchCa());
    }

    /** Whether the home's stack was started with TLS: its stack.json's {@code tls} (absent: not started yet). */
    static boolean tlsOn(Path home) {
        Path stack = home.resolve("stack.json");
        if (!Files.isRegularFile(stack)) {
            return false;
        }
        try {
            return JSON.readTree(stack.toFile()).path("tls").asBoolean(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stack, e);
        }
    }

    boolean tls() {
        return env != null;
    }

    /** What {@code rideops env --json} said; null for a stack without TLS, for which env was not run. */
    JsonNode env() {
        return env;
    }

    /** libpq's and the JDBC driver's sslmode and CA, as {@code env} exports them for psql (none without TLS). */
    PostgresTls postgres() {
        return tls() ? new PostgresTls(variable("PGSSLMODE"), variable("PGSSLROOTCERT")) : PostgresTls.NONE;
    }

    String kafkaSecurityProtocol() {
        return tls() ? variable("KAFKA_SECURITY_PROTOCOL") : "SASL_PLAINTEXT";
    }

    /** The CA Kafka's clients verify the brokers with; empty without TLS. */
    String kafkaSslCa() {
        return tls() ? variable("KAFKA_SSL_CA") : "";
    }

    String connectUrl() {
        return tls() ? variable("CONNECT_URL") : "http://127.0.0.1:" + rideops.connectPort();
    }

    String searchUrl() {
        return tls() ? variable("SEARCH_URL") : "http://127.0.0.1:" + rideops.searchPort();
    }

    /** Connect's CA as env names it, to verify the REST API with; null without TLS. */
    Path connectCa() {
        return tls() ? Path.of(variable("CONNECT_SSL_CA")) : null;
    }

    /** The search node's CA as env names it; null without TLS. */
    Path searchCa() {
        return tls() ? Path.of(variable("SEARCH_SSL_CA")) : null;
    }

    /** The schema registry's CA as env names it (a stack with cdc.format avro and TLS); null otherwise. */
    Path registryCa() {
        return tls() && env.has("REGISTRY_SSL_CA") ? Path.of(variable("REGISTRY_SSL_CA")) : null;
    }

    /** The schema registry's v3 API as env names it (a stack with cdc.format avro). */
    String registryUrl() {
        return tls() ? variable("REGISTRY_URL") : "http://127.0.0.1:" + rideops.registryPort() + "/apis/registry/v3";
    }

    /** A client of the schema registry: trusting its CA alone with TLS, else plain. */
    HttpClient registryHttp() {
        return http(registryCa());
    }

    /** A client of Connect's REST API: trusting its CA alone with TLS, else plain. */
    HttpClient connectHttp() {
        return connectHttp;
    }

    /** A client of the search node: trusting its CA alone with TLS, else plain. */
    HttpClient searchHttp() {
        return searchHttp;
    }

    /** A JDK client trusting this CA alone (host name checked), or the plain one. */
    private static HttpClient http(Path ca) {
        if (ca == null) {
            return PLAIN;
        }
        try {
            // HTTP/1.1 as rideops's own clients speak it (ClientTls)
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(PemTrust.sslContext(ca))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA " + ca, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the CA " + ca + ": " + e.getMessage(), e);
        }
    }

    /** A variable env printed with TLS on: its absence is a failure of rideops's, said as such. */
    private String variable(String name) {
        JsonNode value = env.get(name);
        if (value == null || value.asText().isEmpty()) {
            throw new AssertionError("rideops env gives no " + name + " for a stack with TLS: " + env);
        }
        return value.asText();
    }
}
