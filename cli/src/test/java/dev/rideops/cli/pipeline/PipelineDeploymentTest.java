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
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.os.Executables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redeploy against a Flink REST API played by a small fake: which jar a failed redeploy rolls back to, and what a
 * rescale runs. The real cluster is exercised by PipelineIT.
 */
class PipelineDeploymentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OLD_JOB = "0000000000000000000000000000000a";

    @TempDir
    Path dir;

    private HttpServer flink;
    /** Canned answers by "METHOD path"; the first matching prefix wins. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();

    @BeforeEach
    void startFakeFlink() throws IOException {
        // an ephemeral port on loopback: never one of the stack's
        flink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        flink.createContext("/", exchange -> {
            String key =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            byte[] in = exchange.getRequestBody().readAllBytes();
            requests.add(key);
            if (exchange.getRequestMethod().equals("POST") && !key.endsWith("/upload")) {
                bodies.put(key, JSON.readTree(in.length == 0 ? "{}" : new String(in, StandardCharsets.UTF_8)));
            }
            String answer = answers.get(key);
            byte[] out = (answer == null ? "{\"errors\":[\"not found\"]}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        flink.start();
        // a running rideops job, started from jar "old.jar" at parallelism 2; "newer.jar" was uploaded after it
        answers.put(
                "GET /jobs/overview",
                "{\"jobs\":[{\"jid\":\"" + OLD_JOB + "\",\"name\":\"rideops-job\","
                        + "\"state\":\"RUNNING\",\"start-time\":1}]}");
        answers.put(
                "GET /jobs/" + OLD_JOB + "/config",
                "{\"execution-config\":{\"user-config\":{\"rideops.jar-id\":\"old.jar\"}}}");
        answers.put(
                "GET /jars", "{\"files\":[{\"id\":\"old.jar\",\"uploaded\":1},{\"id\":\"newer.jar\",\"uploaded\":5}]}");
        answers.put("GET /jobs/" + OLD_JOB, running(OLD_JOB, 2));
        answers.put("GET /jobs/" + OLD_JOB + "/checkpoints", "{\"counts\":{\"completed\":3}}");
        answers.put("POST /jobs/" + OLD_JOB + "/stop", "{\"request-id\":\"t1\"}");
        answers.put(
                "GET /jobs/" + OLD_JOB + "/savepoints/t1",
                "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"file:/sp/savepoint-1\"}}");
    }

    @AfterEach
    void stopFakeFlink() {
        flink.stop(0);
    }

    private static String running(String jobId, int parallelism) {
        return "{\"jid\":\"" + jobId + "\",\"name\":\"rideops-job\",\"state\":\"RUNNING\",\"vertices\":[{\"id\":\"v\","
                + "\"name\":\"Source: cdc-topics\",\"status\":\"RUNNING\",\"parallelism\":" + parallelism + "}]}";
    }

    private PipelineDeployment deployment(StringWriter progress) {
        return deployment(progress, Map.of());
    }

    private RideopsConfig config(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("RIDEOPS_FLINK_URL", "http://127.0.0.1:" + flink.getAddress().getPort());
        all.put("RIDEOPS_HOME", dir.resolve("home").toString());
        return new ConfigLoader(all, dir, dir.resolve("user")).load(Optional.empty(), List.of());
    }

    private PipelineDeployment deployment(StringWriter progress, Map<String, String> env) {
        RideopsConfig config = config(env);
        StackSpec local =
                StackSpecs.from(config, new RuntimeLayout(dir.resolve("dist")), () -> 0, 2, new Executables(""));
        return new PipelineDeployment(config, local, new PrintWriter(progress, true));
    }

    @Test
    void aFailedRedeployRollsBackToTheJarTheStoppedJobRanNotTheNewestUpload() throws IOException {
        Path badJar = Files.writeString(dir.resolve("bad.jar"), "not a job");
        answers.put("POST /jars/upload", "{\"filename\":\"/tmp/flink-web-upload/bad.jar\"}");
        answers.put("POST /jars/bad.jar/run", "{\"jobid\":\"bad\"}");
        answers.put("GET /jobs/bad", "{\"jid\":\"bad\",\"state\":\"FAILED\",\"vertices\":[]}");
        answers.put("GET /jobs/bad/exceptions", "{\"root-exception\":\"ClassNotFoundException: dev.rideops\"}");
        answers.put("PATCH /jobs/bad", "{}");
        answers.put("POST /jars/old.jar/run", "{\"jobid\":\"back\"}");
        answers.put("GET /jobs/back", running("back", 2));
        StringWriter progress = new StringWriter();

        assertThatThrownBy(() -> deployment(progress)
                        .run(new DeployRequest(
                                EnumSet.of(PipelineDeployment.Step.JOB),
                                dev.rideops.contract.Offsets.COMMITTED,
                                badJar,
                                false,
                                false,
                                false)))
                .isInstanceOf(RideopsException.class)
                .hasMessageContaining("rolled back, the previous job runs again as back from file:/sp/savepoint-1");

        assertThat(requests).contains("POST /jars/old.jar/run").doesNotContain("POST /jars/newer.jar/run");
        JsonNode back = bodies.get("POST /jars/old.jar/run");
        assertThat(back.get("savepointPath").asText()).isEqualTo("file:/sp/savepoint-1");
        assertThat(back.get("parallelism").asInt())
                .as("the old job's parallelism")
                .isEqualTo(2);
        assertThat(back.get("flinkConfiguration")
                        .get("pipeline.global-job-parameters")
                        .asText())
                .isEqualTo("rideops.jar-id:old.jar");
        JsonNode bad = bodies.get("POST /jars/bad.jar/run");
        assertThat(bad.get("parallelism").asInt())
                .as("a plain redeploy keeps the running parallelism")
                .isEqualTo(2);
        assertThat(progress.toString()).contains("rolling back: old.jar from file:/sp/savepoint-1");
    }

    @Test
    void aRescaleRunsTheRunningJobsOwnJarAgainAtTheNewParallelism() {
        answers.put("POST /jars/old.jar/run", "{\"jobid\":\"wider\"}");
        answers.put("GET /jobs/wider", running("wider", 4));
        answers.put("GET /jobs/wider/config", "{\"execution-config\":{\"user-config\":{}}}");
        answers.put("GET /jobs/wider/checkpoints", "{}");

        Map<String, String> done = deployment(new StringWriter()).run(DeployRequest.rescale(4));

        assertThat(done.get("job")).startsWith("running wider at parallelism 4 from file:/sp/savepoint-1");
        assertThat(requests).doesNotContain("POST /jars/upload");
        assertThat(bodies.get("POST /jars/old.jar/run").get("parallelism").asInt())
                .isEqualTo(4);
    }

    @Test
    void aRescaleOfAJobRideopsDidNotStartIsRefusedBeforeAnythingStops() {
        answers.put("GET /jobs/" + OLD_JOB + "/config", "{\"execution-config\":{\"user-config\":{}}}");

        assertThatThrownBy(() -> deployment(new StringWriter()).run(DeployRequest.rescale(2)))
                .isInstanceOf(RideopsException.class)
                .hasMessageContaining("cannot tell which uploaded jar job " + OLD_JOB + " runs from");
        assertThat(requests).doesNotContain("POST /jobs/" + OLD_JOB + "/stop");
    }

    @Test
    void theJobGetsTheMinuteRetentionAndAJobArgOverridesIt() {
        List<String> args =
                deployment(new StringWriter()).programArgs(dev.rideops.contract.Offsets.COMMITTED, Map.of());
        assertThat(String.join(" ", args)).contains("--mart.retention.minute-days 35");

        List<String> overridden = deployment(new StringWriter())
                .programArgs(
                        dev.rideops.contract.Offsets.COMMITTED,
                        Map.of(dev.rideops.contract.JobArg.MART_RETENTION_MINUTE_DAYS, "0"));
        assertThat(String.join(" ", overridden))
                .contains("--mart.retention.minute-days 0")
                .doesNotContain("--mart.retention.minute-days 35");
    }

    @Test
    void aMinuteRetentionShorterThanTheJobUpdatesAMinuteIsRefusedBeforeAnythingStops() {
        RideopsConfig two = config(Map.of("RIDEOPS_MART_RETENTION_MINUTE_DAYS", "2"));
        assertThatThrownBy(() -> PipelineDeployment.martMinuteDays(two, Map.of()))
                .isInstanceOf(RideopsException.class)
                .hasMessageContaining("mart.retention.minute-days (from env RIDEOPS_MART_RETENTION_MINUTE_DAYS) is 2,"
                        + " fewer than the 3 days");
        // a shorter bucket retention allows a shorter mart retention, and 0 keeps every minute whatever it is
        assertThat(PipelineDeployment.martMinuteDays(
                        two, Map.of(dev.rideops.contract.JobArg.MINUTE_RETENTION_MS, "3600000")))
                .isEqualTo(2);
        assertThat(PipelineDeployment.martMinuteDays(
                        config(Map.of()), Map.of(dev.rideops.contract.JobArg.MART_RETENTION_MINUTE_DAYS, "0")))
                .isZero();
        // a longer one needs more days
        assertThatThrownBy(() -> PipelineDeployment.martMinuteDays(
                        config(Map.of()), Map.of(dev.rideops.contract.JobArg.MINUTE_RETENTION_MS, "8640000000")))
                .hasMessageContaining("fewer than the 101 days");

        StringWriter progress = new StringWriter();
        assertThatThrownBy(() -> deployment(progress, Map.of("RIDEOPS_MART_RETENTION_MINUTE_DAYS", "1"))
                        .run(DeployRequest.rescale(2)))
                .isInstanceOf(RideopsException.class)
                .hasMessageContaining("fewer than the 3 days");
        assertThat(requests).doesNotContain("POST /jobs/" + OLD_JOB + "/stop");
    }
}
