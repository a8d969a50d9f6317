package dev.rideops.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rideops.cli.config.ConfigLoader;
import dev.rideops.cli.config.RideopsConfig;
import dev.rideops.cli.config.StackSpecs;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.contract.Offsets;
import dev.rideops.contract.SearchIndexes;
import dev.rideops.dashboard.export.KibanaObjects;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy}'s Kibana step against a Kibana played by a JDK HttpServer on an ephemeral loopback port: the request
 * Kibana 8 documents for its saved-objects import (a real Kibana cannot be fetched on these machines), and a body that
 * names only the index patterns the job writes.
 */
class KibanaImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer kibana;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> headers = new HashMap<>();
    private byte[] body;
    /** How many times /api/status answers 503 (Kibana starting) before 200. */
    private final AtomicInteger starting = new AtomicInteger();

    private volatile String importAnswer;

    @BeforeEach
    void startFakeKibana() throws IOException {
        kibana = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kibana.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.add(key);
            byte[] in = exchange.getRequestBody().readAllBytes();
            int code;
            String answer;
            if (key.equals("GET /api/status")) {
                code = starting.getAndDecrement() > 0 ? 503 : 200;
                answer = code == 200 ? "{\"status\":{\"overall\":{\"level\":\"available\"}}}" : "not ready yet";
            } else if (key.equals("POST /api/saved_objects/_import?overwrite=true")) {
                synchronized (headers) {
                    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
                    body = in;
                }
                code = 200;
                answer = importAnswer;
            } else {
                code = 404;
                answer = "{\"statusCode\":404}";
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        kibana.start();
        long objects = KibanaObjects.ndjson().lines().count();
        importAnswer = "{\"success\":true,\"successCount\":" + objects + ",\"successResults\":[]}";
    }

    @AfterEach
    void stopFakeKibana() {
        kibana.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + kibana.getAddress().getPort();
    }

    private PipelineDeployment deployment(Map<String, String> env, StringWriter progress) {
        Map<String, String> all = new HashMap<>(env);
        all.put("RIDEOPS_HOME", dir.resolve("home").toString());
        RideopsConfig config = new ConfigLoader(all, dir, dir.resolve("user")).load(Optional.empty(), List.of());
        StackSpec local =
                StackSpecs.from(config, new RuntimeLayout(dir.resolve("dist")), () -> 0, 2, new Executables(""));
        return new PipelineDeployment(config, local, new PrintWriter(progress, true));
    }

    private static DeployRequest kibanaOnly() {
        return new DeployRequest(
                EnumSet.of(PipelineDeployment.Step.KIBANA), Offsets.COMMITTED, null, false, false, false);
    }

    @Test
    void deployWaitsForKibanaThenImportsTheCataloguesObjectsAsTheSearchUser() throws Exception {
        starting.set(1);
        StringWriter progress = new StringWriter();

        Map<String, String> done = deployment(
                        Map.of(
                                "RIDEOPS_SEARCH_KIBANA_URL", url(),
                                "RIDEOPS_SEARCH_USER", "elastic",
                                "RIDEOPS_SEARCH_PASSWORD", "s3cret"),
                        progress)
                .run(kibanaOnly());

        long objects = KibanaObjects.ndjson().lines().count();
        assertThat(done).containsOnlyKeys("kibana");
        assertThat(done.get("kibana"))
                .startsWith("imported " + objects + " saved objects")
                .endsWith(url());
        assertThat(progress.toString()).contains("kibana     imported " + objects);
        assertThat(requests)
                .as("it asked for Kibana's status until it was ready, then imported once")
                .containsExactly(
                        "GET /api/status", "GET /api/status", "POST /api/saved_objects/_import?overwrite=true");
        assertThat(headers)
                .containsEntry("kbn-xsrf", "true")
                .containsEntry(
                        "authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("elastic:s3cret".getBytes(StandardCharsets.UTF_8)));

        // multipart/form-data with one part, the file Kibana's import reads
        String contentType = headers.get("content-type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
        String part = text.substring(
                ("--" + boundary + "\r\n").length(), text.length() - ("\r\n--" + boundary + "--\r\n").length());
        assertThat(part).doesNotContain("--" + boundary);
        String partHeaders = part.substring(0, part.indexOf("\r\n\r\n"));
        String file = part.substring(part.indexOf("\r\n\r\n") + 4);
        assertThat(partHeaders)
                .contains("Content-Disposition: form-data; name=\"file\"; filename=\"rideops.kibana.ndjson\"")
                .contains("Content-Type: application/ndjson");
        assertThat(file).isEqualTo(KibanaObjects.ndjson());

        // it names only the index patterns the job writes, and every reference to a data view is one of the file's
        Set<String> patterns = new HashSet<>();
        Set<String> viewIds = new HashSet<>();
        List<JsonNode> all = new ArrayList<>();
        for (String line : file.split("\n")) {
            JsonNode object = JSON.readTree(line);
            all.add(object);
            if (object.path("type").asText().equals("index-pattern")) {
                patterns.add(object.path("attributes").path("title").asText());
                viewIds.add(object.path("id").asText());
            }
        }
        assertThat(patterns).containsExactlyInAnyOrder(SearchIndexes.LATEST, SearchIndexes.TIMESERIES_PREFIX + "*");
        int viewReferences = 0;
        for (JsonNode object : all) {
            for (JsonNode ref : object.path("references")) {
                if (ref.path("type").asText().equals("index-pattern")) {
                    viewReferences++;
                    assertThat(viewIds)
                            .as(object.path("id") + " references " + ref)
                            .contains(ref.path("id").asText());
                }
            }
        }
        assertThat(viewReferences)
                .as("the maps, searches and charts read the data views")
                .isPositive();
    }

    @Test
    void anObjectKibanaRefusesFailsTheDeployNamingIt() {
        importAnswer = "{\"success\":false,\"successCount\":3,\"errors\":[{\"id\":\"rideops-drivers\","
                + "\"type\":\"dashboard\",\"error\":{\"type\":\"missing_references\"}}]}";

        // search.user empty: a Kibana without security gets no login
        assertThatThrownBy(() -> deployment(
                                Map.of("RIDEOPS_SEARCH_KIBANA_URL", url(), "RIDEOPS_SEARCH_USER", ""),
                                new StringWriter())
                        .run(kibanaOnly()))
                .isInstanceOf(RideopsException.class)
                .hasMessageContaining("deploy failed: Kibana at " + url() + " imported 3 of ")
                .hasMessageContaining("1 failed, the first dashboard rideops-drivers: missing_references");
        assertThat(headers).doesNotContainKey("authorization");
    }

    @Test
    void withoutAKibanaUrlTheStepDoesNothing() {
        StringWriter progress = new StringWriter();

        Map<String, String> done = deployment(Map.of(), progress).run(kibanaOnly());

        assertThat(done).isEmpty();
        assertThat(progress.toString()).isEmpty();
        assertThat(requests).isEmpty();
    }

    @Test
    void aDryRunSaysWhatItWouldImportAndSendsNothing() {
        Map<String, String> done = deployment(Map.of("RIDEOPS_SEARCH_KIBANA_URL", url()), new StringWriter())
                .run(new DeployRequest(
                        EnumSet.of(PipelineDeployment.Step.KIBANA), Offsets.COMMITTED, null, true, false, false));

        assertThat(done.get("kibana")).startsWith("would import ").endsWith("into Kibana at " + url());
        assertThat(requests).isEmpty();
    }
}
