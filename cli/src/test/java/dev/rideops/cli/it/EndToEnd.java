package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.clients.Poll;
import dev.rideops.clients.flink.FlinkJob;
import dev.rideops.generator.db.GeneratorLock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * The pipeline end to end under the generator's load, on {@link StackIT}'s stack just after its {@code down} (it was
 * PipelineIT, with a stack of its own: a start and a down more): {@code rideops up --volume tiny} with a password the
 * user set starts the stack again, resumes the job from the savepoint {@code down} took and starts the generator;
 * then the load of everything after is the corrections scenario (rows that change and go after they were counted);
 * a jar that cannot start is rolled back; the day-2 job and connector commands, among them a rescale 1 -> 2 over two
 * TaskManagers and a redeploy with a savepoint that prunes an expired daily index; Flink killed (at parallelism 2, so
 * the killed TaskManager surely runs a subtask) and the reporting database restarted; then verify passes on a window
 * that holds the hour the resumed job went on counting (the resumed state, the corrections, the commands and the
 * faults) and names each fault injected after it. The bench's takeover of the background generator is
 * {@link ShortBench}'s, and a wrong connector password SecretsIT's, both on the shared stack. What {@code up} prints
 * from a clean home (the seeded history, the connector and index created) is {@link UpIT}'s, on the run's shared
 * stack; {@code down} leaving no process behind is StackIT's last test.
 *
 * <p>The stack serves TLS and writes Avro change events: StackIT started it with {@code up --tls --set
 * cdc.format=avro}, and this {@code up}, not told, takes both from the stack.json {@code down} kept. Right after it,
 * each server is verified against the home's CA by a plain JDK client, clients without TLS are refused and the job's
 * documents keep coming through https ({@link TlsChecks}); the test's own clients reach the servers as {@code rideops
 * env} says; at the end, the keys and store passwords TLS wrote are only in their services' 0600 files
 * ({@link TlsSecretFiles}), and the registry's passwords only in theirs ({@link RegistrySecretFiles}).
 *
 * <p>The stack runs two TaskManagers and the user-set source password (the environment of every command). This
 * leaves the generator stopped and the mart and index with the injected faults: StackIT runs it after every other
 * test that runs {@code verify --all}.
 */
final class EndToEnd {

    private EndToEnd() {}

    static void upResumesTheJobAndThePipelineLosesNothing(Rideops rideops, Path home, String savepointName)
            throws Exception {
        CompletableFuture<Rideops.Result> upRun = null;
        Instant upStarted = Instant.now();
        try {
            // The generator's password, given as a flag (and in the environment, as every command must be given it:
            // a password the user sets is never written down), must reach the generator and be shown nowhere.
            upRun = CompletableFuture.supplyAsync(() -> rideops.run(
                    "up",
                    "--volume",
                    "tiny",
                    "--time-scale",
                    "12",
                    "--local-hour",
                    "18",
                    "--set",
                    "source.password=password",
                    "--set",
                    "flink.taskmanagers=2"));
            anotherCommandIsRefusedWhileUpHoldsTheLock(rideops, upRun);
            Rideops.Result up = upRun.join();
            assertThat(up.code()).as(up.err()).isZero();
            // the pipeline was deployed before the down: up updates the connector and resumes the job from down's
            // savepoint, state and all (the verify at the end judges the state: its window holds the HOUR bucket
            // the resumed job goes on counting)
            assertThat(up.err())
                    .contains("connector  updated rideops-source, RUNNING")
                    .contains("indexes    template driver_locations_timeseries updated")
                    .containsPattern("job +running [0-9a-f]{32} from file:\\S*/" + savepointName)
                    .contains("results are flowing")
                    .containsPattern("job checkpoints completed +[1-9]")
                    .contains("snapshot freshness");

            awaitAtLeast(
                    rideops,
                    "SELECT count(*) FROM mart.latest_metric_snapshot "
                            + "WHERE metric_name IN ('open_bookings', 'drivers_available')",
                    2);
            assertThat(searchCount(rideops)).isPositive();
            theGeneratorGotItsConfigWithoutShowingThePassword(home);
            theStackServesTlsAsStartedFromTheHomesStackJson(rideops, up);

            // the corrections take over from the generator up started, for everything that follows
            assertThat(rideops.runOk("generate", "stop").out()).contains("generator stopped");
            awaitTheGeneratorLockReleased(rideops);
            startTheCorrections(rideops, home);

            // A jar that cannot start: the deploy fails in one line and the previous job runs again.
            Path badJar = home.resolve("not-a-job.jar");
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(badJar))) {
                jar.putNextEntry(new ZipEntry("README.txt"));
                jar.write("no job in here".getBytes(StandardCharsets.UTF_8));
            }
            Rideops.Result bad = rideops.run("deploy", "--only", "job", "--jar", badJar.toString());
            assertThat(bad.code()).as(bad.err()).isEqualTo(1);
            assertThat(bad.err())
                    .contains("rideops: deploy failed: the new job did not start")
                    .contains("rolled back, the previous job runs again")
                    .doesNotContain("\tat ");
            awaitResultsFlowing(rideops);

            jobAndConnectorCommandsWorkOnTheRunningPipeline(rideops, home);

            chaosKillsFlinkAndThePipelineRecovers(rideops);
            chaosRestartsTheReportingDatabaseAndThePipelineRecovers(rideops);

            assertThat(rideops.runOk("generate", "stop").out()).contains("generator stopped");
            theCorrectionsChangedRowsAfterTheyWereCounted(rideops);

            verifyPassesOnTheRealRunAndNamesEachInjectedFault(rideops, upStarted);
            TlsSecretFiles.areTheirServicesAloneAndNowhereElse(home);
            RegistrySecretFiles.areInTheirFilesAloneAndNowhereElse(home);
        } finally {
            // A failure while up still runs must not leave it holding the lock: the class's down would be refused.
            if (upRun != null) {
                upRun.handle((r, e) -> r).get(10, TimeUnit.MINUTES);
            }
        }
    }

    /**
     * Day-2 operations on the live pipeline, under the generator's load: the job's status and a savepoint, the
     * connector's status, restart, pause/resume and an incremental snapshot, a rescale 1 -> 2 from a savepoint (its
     * subtasks on both TaskManagers), and a prune. The final verify of this test then checks that none of
     * it lost or duplicated a result: its window (an hour at least) holds every minute the job ran at parallelism 2, so
     * the verify this test once ran at 2 (the generator stopped and started again for it) checked nothing more.
     */
    private static void jobAndConnectorCommandsWorkOnTheRunningPipeline(Rideops rideops, Path home) throws Exception {
        JsonNode status = rideops.runOk("job", "status", "--json").json();
        assertThat(status.get("running").asBoolean()).isTrue();
        String jobId = status.get("job").get("id").asText();
        String jar = status.get("job").get("jar_id").asText();
        assertThat(jar).as("the rolled-back job is tagged with the jar it runs").endsWith(".jar");
        assertThat(status.get("job").get("parallelism").asInt()).isEqualTo(1);
        assertThat(status.get("retained").get("savepoints").get("count").asInt())
                .isPositive();

        Rideops.Result savepoint = rideops.runOk("job", "savepoint");
        assertThat(savepoint.out()).startsWith("savepoint file:");
        assertThat(rideops.runOk("job", "list", "--json").json().get("jobs")).anySatisfy(j -> {
            assertThat(j.get("id").asText()).isEqualTo(jobId);
            assertThat(j.get("state").asText()).isEqualTo("RUNNING");
        });

        JsonNode connector = rideops.runOk("connector", "status", "--json").json();
        assertThat(connector.get("state").asText()).isEqualTo("RUNNING");
        assertThat(connector.get("tasks"))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.get("state").asText()).isEqualTo("RUNNING"));
        assertThat(rideops.runOk("connector", "restart").out()).startsWith("restarted rideops-source: RUNNING");
        assertThat(rideops.runOk("connector", "restart", "--failed").out()).contains("failed parts only");
        assertThat(rideops.runOk("connector", "pause").out()).isEqualTo("paused rideops-source\n");
        Rideops.Result paused = rideops.run("connector", "status");
        assertThat(paused.code()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("PAUSED");
        assertThat(rideops.runOk("connector", "resume").out()).isEqualTo("resumed rideops-source\n");
        JsonNode resnapshot =
                rideops.runOk("connector", "resnapshot", "bookings", "--json").json();
        assertThat(resnapshot.get("tables").get(0).asText()).isEqualTo("public.bookings");
        // the snapshot's rows flow again, and the signal table's own events never reach Kafka; a connector the
        // snapshot broke would leave the final verify's mart behind the source (a 'connector status' here, 4.8 s,
        // read only the connector's own state, which stays RUNNING when a task fails)
        awaitResultsFlowing(rideops);

        Rideops.Result up = rideops.runOk("job", "rescale", "--parallelism", "2");
        assertThat(up.err()).contains("with a savepoint").contains("at parallelism 2");
        theRescaledJobRunsTheSameJarAtParallelismTwo(rideops, jar);
        // A plain redeploy keeps the parallelism the job was rescaled to (it takes its savepoint from the rescaled
        // job, so that one ran; the results flowing after it are at parallelism 2 either way). A daily index far
        // older than search.timeseries-retention-days (7): the redeployed job's sink deletes it with its first ping.
        // (This redeploy and the one that once came first, for the index alone, are one: a job restart less.)
        String expired = "/driver_locations_timeseries-2020.01.01";
        search(rideops, "PUT", expired, null);
        Rideops.Result redeploy = rideops.runOk("deploy", "--only", "job");
        assertThat(redeploy.err())
                .contains("with a savepoint")
                .contains("from file:")
                .contains("at parallelism 2")
                .contains("pruned ");
        awaitResultsFlowing(rideops);
        awaitGone(rideops, expired);
        everyOperatorRunsOnBothTaskManagers(rideops);

        JsonNode pruned =
                rideops.runOk("job", "prune", "--retain", "1", "--json").json();
        assertThat(pruned.get("retain").asInt()).isEqualTo(1);
        // what is left, as 'job status' counts it (status's flink_retained is the same count: a status more was 8 s)
        JsonNode afterPrune = rideops.runOk("job", "status", "--json").json();
        JsonNode retained = afterPrune.get("retained");
        // one kept, plus the one 'up' would resume from and the one the running job restored from
        assertThat(retained.get("savepoints").get("count").asInt()).isBetween(1, 3);
        assertThat(retained.get("jars").get("count").asInt()).isBetween(1, 2);
        JsonNode after = afterPrune.get("job");
        assertThat(after.get("jar_id").asText())
                .as("the running job's jar survives a prune")
                .isNotEqualTo("null");
        assertThat(Files.exists(home.resolve("flink/last-savepoint"))).isTrue();
    }

    /**
     * What {@code job status} reads of the rescaled job, from Flink's REST API as it reads it (a run of that command
     * here was 11 s; it is asserted on before and after): every operator at parallelism 2, and the jar deploy tagged
     * the job with is the one it ran before, still on the cluster: the same jar, not a new upload.
     */
    private static void theRescaledJobRunsTheSameJarAtParallelismTwo(Rideops rideops, String jar) {
        String jobId = theRunningJob(rideops);
        assertThat(flink(rideops, "/jobs/" + jobId).path("vertices"))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.path("parallelism").asInt())
                        .as(v.path("name").asText())
                        .isEqualTo(2));
        assertThat(flink(rideops, "/jobs/" + jobId + "/config")
                        .path("execution-config")
                        .path("user-config")
                        .path(FlinkJob.JAR_ID_PARAMETER)
                        .asText())
                .as("the same jar, not a new upload")
                .isEqualTo(jar);
        assertThat(flink(rideops, "/jars").path("files").findValuesAsText("id"))
                .as("jars on the cluster")
                .contains(jar);
    }

    /** The one running job's id, from Flink's REST API. */
    private static String theRunningJob(Rideops rideops) {
        List<String> running = new ArrayList<>();
        flink(rideops, "/jobs").path("jobs").forEach(j -> {
            if (j.path("status").asText().equals("RUNNING")) {
                running.add(j.path("id").asText());
            }
        });
        assertThat(running).as("running jobs").hasSize(1);
        return running.get(0);
    }

    /**
     * Each operator's two subtasks run on different TaskManagers (the local cluster spreads slots over them). The
     * running job's id from Flink's REST API, which {@code job status} reads too: that command is asserted on below,
     * and a run of it here was about 5 s.
     */
    private static void everyOperatorRunsOnBothTaskManagers(Rideops rideops) throws Exception {
        String jobId = theRunningJob(rideops);
        JsonNode vertices = flink(rideops, "/jobs/" + jobId).path("vertices");
        assertThat(vertices).isNotEmpty();
        for (JsonNode vertex : vertices) {
            JsonNode subtasks = flink(
                            rideops,
                            "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText())
                    .path("subtasks");
            Set<String> taskManagers = new HashSet<>();
            subtasks.forEach(t -> taskManagers.add(t.path("taskmanager-id").asText()));
            assertThat(subtasks).as(vertex.path("name").asText()).hasSize(2);
            assertThat(taskManagers).as(vertex.path("name").asText()).hasSize(2);
        }
    }

    private static JsonNode flink(Rideops rideops, String path) {
        return rideops.flinkGet(path);
    }

    private static void anotherCommandIsRefusedWhileUpHoldsTheLock(
            Rideops rideops, CompletableFuture<Rideops.Result> upRun) throws Exception {
        Path lock = rideops.home().resolve("rideops.lock");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(Files.isRegularFile(lock) && Files.size(lock) > 0)) {
            assertThat(upRun).as("up ended before it was seen holding the lock").isNotDone();
            assertThat(System.currentTimeMillis()).as("up took the lock").isLessThan(deadline);
            Thread.sleep(100);
        }
        Rideops.Result deploy = rideops.run("deploy");
        assertThat(deploy.code()).as(deploy.err()).isEqualTo(1);
        assertThat(deploy.err().lines())
                .singleElement()
                .asString()
                .startsWith("rideops: another rideops command is changing this stack: "
                        + "'rideops up --volume tiny --time-scale 12 --local-hour 18 --set source.password=**** "
                        + "--set flink.taskmanagers=2' (pid ")
                .endsWith("; wait for it to finish (or stop it), then run this command again");
        assertThat(upRun).as("the refused deploy did not wait for up").isNotDone();
    }

    /**
     * StackIT started the stack with {@code up --tls}; this {@code up} was not told, and the stack.json its down kept
     * says so: every server serves TLS only, verified against the home's CA, and the job writes the search node
     * through https (and the generator, connector and job reached PostgreSQL and Kafka over TLS for the results above).
     */
    private static void theStackServesTlsAsStartedFromTheHomesStackJson(Rideops rideops, Rideops.Result up)
            throws Exception {
        assertThat(up.out()).contains("(SASL_SSL, CA ").contains("sslmode=verify-full");
        TlsChecks.everyServerIsVerifiedByTheHomesCa(rideops);
        TlsChecks.clientsWithoutTlsAreRefused(rideops);
        TlsChecks.theJobWritesItsDocumentsThroughHttps(rideops);
    }

    /** Its command line names the hand-over file, which it deleted once read; no setting is on the line or logged. */
    private static void theGeneratorGotItsConfigWithoutShowingThePassword(Path home) throws Exception {
        // as root with a home others cannot enter, services/ is a link to the servers' files under /var/tmp
        Path dir = home.resolve("services").toRealPath().resolve("generator");
        String pid = Files.readString(dir.resolve("service.pid")).trim().split(" ")[0];
        String commandLine = Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
        assertThat(commandLine)
                .contains("--config-handover " + dir.resolve("config-handover.json"))
                .contains("generate --volume tiny")
                .doesNotContain("source.password")
                .doesNotContain("--set");
        assertThat(dir.resolve("config-handover.json")).doesNotExist();
        assertThat(Files.readString(dir.resolve("service.log"))).doesNotContain("source.password");
    }

    /**
     * The stopped generator's database session, and with it its lock, ends a moment after its process: a generator
     * started at once (the corrections) would find it held.
     */
    private static void awaitTheGeneratorLockReleased(Rideops rideops) throws Exception {
        try (Connection c = rideops.admin(rideops.sourcePort(), "ride_hailing_db")) {
            assertThat(Poll.every(Duration.ofMillis(200), Duration.ofSeconds(20))
                            .until(() -> {
                                try {
                                    return !GeneratorLock.isHeld(c);
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            }))
                    .as("the stopped generator's lock released")
                    .isTrue();
        }
    }

    /**
     * The scenario {@code corrections} in the background, an hour of the city's rides a minute, from here to the last
     * verify: refunds, rating edits, withdrawn requests deleted and driver accounts deleted, rows that change and go
     * after they were counted, under the day-2 commands and the faults. Its own 5% refunds left none in two CI runs of
     * a minute (a refund comes 10-60 s of the wall clock after the payment), so every share is raised here, every paid
     * payment refunded: the same kinds of change, surely some of each. (They ran for a minute in the foreground once,
     * judged by a verify --all of their own: about 90 s more.)
     */
    private static void startTheCorrections(Rideops rideops, Path home) throws Exception {
        Path scenario = Files.writeString(home.resolve("corrections-often.yaml"), """
                name: corrections-often
                description: the corrections scenario with every share raised, for a short test run
                refund_share: 1.0
                rating_edit_share: 0.5
                withdrawn_request_share: 0.2
                driver_offboard_share: 0.05
                """);
        rideops.runOk(
                "generate",
                "--detach",
                "--volume",
                "small",
                "--scenario",
                scenario.toString(),
                "--seed",
                "14",
                "--time-scale",
                "60",
                // the evening peak whatever the hour of the test: drivers online to ping, riders to refund
                "--local-hour",
                "18");
    }

    /** The source changed rows after the pipeline had counted them: the last verify judges the mart against that. */
    private static void theCorrectionsChangedRowsAfterTheyWereCounted(Rideops rideops) throws Exception {
        try (Connection c = rideops.reader(rideops.sourcePort(), "ride_hailing_db");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM payments WHERE status = 'REFUNDED'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("refunded payments").isPositive();
        }
    }

    /**
     * Real SIGKILLs while the generator writes. The TaskManager: the same job restarts from its checkpoint,
     * checkpoints again and catches up. The JobManager: the job is resubmitted from its newest checkpoint. The
     * verify at the end covers this window: nothing lost, nothing doubled.
     */
    private static void chaosKillsFlinkAndThePipelineRecovers(Rideops rideops) throws Exception {
        Rideops.Result chaos = rideops.run("chaos", "kill-taskmanager", "--down-for", "2s", "--json");
        assertThat(chaos.code()).as(chaos.err()).isZero();
        assertThat(chaos.err()).contains("kill-taskmanager: SIGKILL flink-taskmanager-1");
        JsonNode r = chaos.json();
        assertThat(ProcessHandle.of(r.path("pid").asLong()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(r.path("job_after").asText()).isEqualTo(r.path("job_before").asText());
        assertThat(r.path("job").asText()).startsWith("failed over");
        assertThat(r.path("first_checkpoint_s").asDouble())
                .isGreaterThan(r.path("down_s").asDouble());
        assertThat(r.path("caught_up_s").asDouble())
                .isGreaterThanOrEqualTo(r.path("first_checkpoint_s").asDouble());

        // Without an HA store a restarted JobManager has no job: chaos resubmits it from its newest checkpoint.
        Rideops.Result jobManager = rideops.run("chaos", "kill-jobmanager", "--down-for", "1s", "--json");
        assertThat(jobManager.code()).as(jobManager.err()).isZero();
        JsonNode j = jobManager.json();
        assertThat(j.path("job").asText()).isEqualTo("resubmitted from its newest checkpoint");
        assertThat(j.path("job_after").asText())
                .isNotEqualTo(j.path("job_before").asText());
        assertThat(jobManager.err()).containsPattern("job +running [0-9a-f]{32} from file:.*/chk-[0-9]+");
    }

    /**
     * The reporting database stopped and started again while the corrections write: the job's writes to the mart
     * come back on their own, and the verify after this covers the window (nothing lost, nothing doubled). Under 500
     * changes/s, measured in phases, it is ChaosIT's with {@code -Plong}.
     */
    private static void chaosRestartsTheReportingDatabaseAndThePipelineRecovers(Rideops rideops) throws Exception {
        Rideops.Result chaos = rideops.run("chaos", "restart-reporting-db", "--down-for", "2s", "--json");
        assertThat(chaos.code()).as(chaos.err()).isZero();
        assertThat(chaos.err()).contains("restart-reporting-db: stopped reporting-db");
        assertThat(chaos.json().path("service").asText()).isEqualTo("reporting-db");
    }

    /**
     * With the generator stopped, the pipeline drains (including whatever the connector restart and the killed
     * TaskManager above replayed) and verify finds the mart and the index equal to the source as the corrections left
     * it. Then three faults: a mart row off by one, a driver's document deleted, a ping indexed twice; verify must
     * fail naming each.
     */
    private static void verifyPassesOnTheRealRunAndNamesEachInjectedFault(Rideops rideops, Instant upStarted)
            throws Exception {
        Rideops.Result verified = rideops.run("verify", "--since", sinceTheResumedHour(upStarted), "--json");
        assertThat(verified.code()).as(verified.err() + verified.out()).isZero();
        JsonNode report = verified.json();
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(check(report, "rides_requested").path("checked").asLong()).isPositive();
        assertThat(check(report, "driver_location_updates").path("checked").asLong())
                .isPositive();
        assertThat(check(report, "one document per ping").path("checked").asLong())
                .isPositive();
        assertThat(report.at("/quality/pings_completeness").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/quality/dead_letters").asLong()).isZero();

        execute(
                rideops,
                "UPDATE mart.fact_metric_bucket SET metric_value = metric_value + 1 "
                        + "WHERE metric_name = 'rides_requested' AND bucket_granularity = 'MINUTE' AND bucket_start = "
                        + "(SELECT max(bucket_start) FROM mart.fact_metric_bucket WHERE metric_name = 'rides_requested')");
        // the newest ping: one from the seeded history may lie before verify's window, where a duplicate goes unseen
        JsonNode anyDoc = search(
                        rideops,
                        "POST",
                        "/driver_locations_timeseries-*/_search?size=1",
                        "{\"sort\":[{\"updated_at\":\"desc\"}]}")
                .at("/hits/hits/0");
        search(
                rideops,
                "PUT",
                "/" + anyDoc.path("_index").asText() + "/_doc/duplicate-of-"
                        + anyDoc.path("_id").asText() + "?refresh=true",
                anyDoc.get("_source").toString());
        search(
                rideops,
                "DELETE",
                "/driver_locations/_doc/" + anyDoc.at("/_source/driver_id").asText() + "?refresh=true",
                null);

        // the faults are in the last minutes (the generator stopped just before the verify above): a window of five
        // holds them all, where the default hour made verify compare an hour of the corrections' buckets again
        Rideops.Result failed = rideops.run("verify", "--since", "5m");
        assertThat(failed.code()).as(failed.err()).isEqualTo(1);
        assertThat(failed.out())
                .containsPattern("rides_requested +mart.fact_metric_bucket +[0-9]+ +1 +MINUTE ")
                .containsPattern("newest position per driver +driver_locations +[0-9]+ +1 +driver "
                        + anyDoc.at("/_source/driver_id").asText() + ": .*no document")
                .containsPattern("one document per ping .*\\(1 duplicated\\)")
                .contains("verify FAILED");
    }

    /**
     * The passing verify's window: the default hour, or longer when the hour {@code up} resumed the job in began
     * earlier. Verify compares an HOUR bucket only when it starts inside its window, and the one the resumed job went
     * on counting is where a state lost on resume shows (every bucket was compared once, by a {@code verify --all} of
     * the corrections' own). A minute more than the hour's start: verify reads the clock after this.
     */
    private static String sinceTheResumedHour(Instant upStarted) {
        Instant hour = upStarted.truncatedTo(ChronoUnit.HOURS);
        long minutes = Duration.between(hour, Instant.now()).plusMinutes(1).toMinutes();
        return Math.max(60, minutes) + "m";
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("check").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static void execute(Rideops rideops, String sql) throws Exception {
        try (Connection c = rideops.admin(rideops.reportingPort(), "reporting_db");
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).as(sql).isEqualTo(1);
        }
    }

    /** A request as the search node's admin: the test plants and corrupts documents, which no other user may. */
    private static JsonNode search(Rideops rideops, String method, String path, String body) throws Exception {
        HttpResponse<String> r = rideops.searchHttp()
                .send(
                        HttpRequest.newBuilder(URI.create(rideops.searchUrl() + path))
                                .header("Content-Type", "application/json")
                                .header("Authorization", rideops.searchAdmin().header())
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return new ObjectMapper().readTree(r.body());
    }

    private static void awaitGone(Rideops rideops, String index) throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create(rideops.searchUrl() + index))
                .header("Authorization", rideops.searchReader().header())
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        long deadline = System.currentTimeMillis() + 60_000;
        int status = 200;
        while (status != 404 && System.currentTimeMillis() < deadline) {
            status = rideops.searchHttp()
                    .send(head, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 404) {
                Thread.sleep(1000);
            }
        }
        assertThat(status).as("HEAD " + index).isEqualTo(404);
    }

    /**
     * New results reach the mart: the MINUTE counts of location pings grow. The job upserts an open bucket's counts
     * as pings arrive, so this takes a flush; a new bucket row would take until the next minute begins.
     */
    private static void awaitResultsFlowing(Rideops rideops) throws Exception {
        String pingsCounted = "SELECT coalesce(sum(metric_value), 0)::bigint FROM mart.fact_metric_bucket "
                + "WHERE metric_name = 'driver_location_updates' AND bucket_granularity = 'MINUTE'";
        awaitAtLeast(rideops, pingsCounted, count(rideops, pingsCounted) + 1);
    }

    static void awaitAtLeast(Rideops rideops, String sql, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        long seen = count(rideops, sql);
        while (seen < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            seen = count(rideops, sql);
        }
        assertThat(seen).as(sql).isGreaterThanOrEqualTo(expected);
    }

    private static long count(Rideops rideops, String sql) throws Exception {
        try (Connection c = rideops.admin(rideops.reportingPort(), "reporting_db");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long searchCount(Rideops rideops) throws Exception {
        HttpResponse<String> r = rideops.searchHttp()
                .send(
                        HttpRequest.newBuilder(URI.create(rideops.searchUrl() + "/driver_locations/_count"))
                                .header("Authorization", rideops.searchReader().header())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(r.body());
        return body.path("count").asLong();
    }
}
