package dev.rideops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rideops.stack.lifecycle.PidFile;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.PortOwners;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.preflight.Check;
import dev.rideops.stack.preflight.CheckStatus;
import dev.rideops.stack.preflight.Preflight;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void theSpecOfTheLastUpIsReadBack() throws IOException {
        StackSpec spec = TestSpecs.defaults(home, home);
        JSON.writeValue(Stack.specFile(home).toFile(), spec);

        assertThat(Stack.savedSpec(home)).contains(spec);
    }

    @Test
    void aSpecWrittenByAnOlderRideopsWithoutLogSettingsIsNotUsed() throws IOException {
        ObjectNode old = JSON.valueToTree(TestSpecs.defaults(home, home));
        old.remove("logs");
        ((ObjectNode) old.get("kafka")).remove("retentionHours");
        Files.writeString(Stack.specFile(home), JSON.writeValueAsString(old));

        assertThat(Stack.savedSpec(home)).isEmpty();
    }

    @Test
    void aSpecWrittenBeforeTlsCouldBeAskedForIsAStackWithoutTls() throws IOException {
        StackSpec spec = TestSpecs.defaults(home, home);
        ObjectNode old = JSON.valueToTree(spec);
        old.remove("tls");
        Files.writeString(Stack.specFile(home), JSON.writeValueAsString(old));

        assertThat(Stack.savedSpec(home)).contains(spec);
        assertThat(spec.tls()).isFalse();
    }

    @Test
    void aRegistryWrittenBeforeItsJavaCouldBeNamedLooksForOne() throws IOException {
        StackSpec spec = TestSpecs.withRegistry(
                TestSpecs.defaults(home, home),
                new StackSpec.Registry(true, 8080, 8091, 256, TestSpecs.REGISTRY_USERS, ""));
        ObjectNode old = JSON.valueToTree(spec);
        ((ObjectNode) old.get("registry")).remove("javaHome");
        Files.writeString(Stack.specFile(home), JSON.writeValueAsString(old));

        // the stack's later commands (down among them) still see its registry and its Avro change events
        assertThat(Stack.savedSpec(home)).contains(spec);
    }

    @Test
    void monitoringIsTheLastTierWhenInstalled() {
        StackSpec spec = TestSpecs.with(
                home, home, TestSpecs.monitoring(Path.of("/usr/bin/prometheus"), Path.of("/usr/bin/alertmanager")), 1);

        assertThat(new Stack(spec, false).services())
                .extracting(Service::name)
                .containsExactly(
                        "source-db",
                        "reporting-db",
                        "kafka-1",
                        "search",
                        "connect",
                        "flink-jobmanager",
                        "flink-taskmanager-1",
                        "prometheus",
                        "alertmanager");
        assertThat(spec.ports())
                .extracting(StackSpec.PortUse::port)
                .contains(9090, 9095, 9249, 9250, 9400)
                .doesNotContain(9251)
                .doesNotHaveDuplicates();
    }

    /**
     * The exporter is started by the CLI with its config, like the generator, so it is no tier of the stack; where
     * Prometheus runs it belongs to the stack all the same: status shows it, down when it does not run.
     */
    @Test
    void theExporterBelongsToAStackWithPrometheusWithoutBeingATier() {
        StackSpec spec = TestSpecs.with(home, home, TestSpecs.monitoring(Path.of("/usr/bin/prometheus"), null), 1);
        Stack stack = new Stack(spec, false);

        assertThat(stack.services()).extracting(Service::name).doesNotContain("exporter");
        assertThat(stack.service("exporter")).contains(stack.exporter());
        assertThat(stack.status(stack.diskUsage()))
                .filteredOn(s -> s.service().equals("exporter"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.state()).isEqualTo(ServiceStatus.DOWN);
                    assertThat(s.port()).isEqualTo(9400);
                    assertThat(s.endpoint()).isEqualTo("http://127.0.0.1:9400/metrics");
                });
        assertThat(new Stack(TestSpecs.with(home, home, TestSpecs.withoutMonitoring(), 1), false)
                        .status(stack.diskUsage()))
                .extracting(ServiceStatus::service)
                .doesNotContain("exporter");
    }

    /**
     * A running exporter (this test's own JVM stands in for it) is sampled like any service, so the bench's
     * per-service CPU lists it, and its pid is the stack's, so preflight does not count its port as a clash.
     */
    @Test
    void aRunningExporterIsSampledAndItsPortCountsAsTheStacks() throws IOException {
        Stack stack = new Stack(TestSpecs.with(home, home, TestSpecs.withoutMonitoring(), 1), false);
        ServiceDirs dirs = ServiceDirs.of(home, "exporter");
        dirs.create();
        new PidFile(dirs.pid(), dirs.pidForOthers()).write(ProcessHandle.current(), false);

        long self = ProcessHandle.current().pid();
        assertThat(stack.usage())
                .extracting(Stack.Usage::service, Stack.Usage::pid)
                .contains(tuple("exporter", self));
        assertThat(stack.runningPids()).containsEntry(self, "exporter");
    }

    /**
     * The processes the CLI starts (generator, exporter, dashboard) are one list: status shows each that runs,
     * {@code stop NAME} stops that one only, {@code down} stops the others before the tiers.
     */
    @Test
    void theCliStartedProcessesAreShownAndStoppedLikeServices() throws Exception {
        Stack stack = new Stack(TestSpecs.with(home, home, TestSpecs.withoutMonitoring(), 1), false);
        java.util.Map<String, Process> running = new java.util.LinkedHashMap<>();
        try {
            for (String name : java.util.List.of("generator", "exporter", "dashboard")) {
                Process p = new ProcessBuilder("sleep", "60").start();
                ServiceDirs dirs = ServiceDirs.of(home, name);
                dirs.create();
                new PidFile(dirs.pid(), dirs.pidForOthers()).write(p.toHandle(), false);
                running.put(name, p);
            }
            assertThat(stack.status(stack.diskUsage()))
                    .extracting(ServiceStatus::service)
                    .contains("generator", "exporter", "dashboard");
            java.util.List<String> stopped = new java.util.ArrayList<>();
            StackListener listener = new StackListener() {
                @Override
                public void stopped(String service, boolean forced, boolean wasRunning) {
                    if (wasRunning) {
                        stopped.add(service);
                    }
                }
            };

            stack.stop(java.util.List.of("exporter"), listener);
            assertThat(stopped).containsExactly("exporter");
            assertThat(running.get("exporter").waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(running.get("generator").isAlive()).isTrue();

            stack.down(listener, false);
            assertThat(stopped).containsExactly("exporter", "generator", "dashboard");
            assertThat(stack.status(stack.diskUsage()))
                    .extracting(ServiceStatus::service)
                    .doesNotContain("generator", "exporter", "dashboard");
        } finally {
            running.values().forEach(Process::destroyForcibly);
        }
    }

    @Test
    void asRootAHomeOthersCannotEnterKeepsServicesUnderVarTmpLinkedFromItAndPurgeDeletesThoseRoots() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getProperty("user.name").equals("root"), "only root hands files to service users");
        Path closed = Files.createDirectories(home.resolve("closed"));
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path rideopsHome = closed.resolve("home");
        Stack stack = new Stack(TestSpecs.with(rideopsHome, home, TestSpecs.withoutMonitoring(), 1), true);
        Path services = stack.servicesHome();
        try {
            assertThat(services.getParent()).isEqualTo(Path.of("/var/tmp"));
            assertThat(services.getFileName().toString()).startsWith("rideops-services-");
            assertThat(stack.postgresRoot().getFileName().toString()).startsWith("rideops-postgres-");

            // prepares the home and starts nothing
            stack.start(java.util.List.of(), StackListener.SILENT);
            assertThat(Files.readSymbolicLink(rideopsHome.resolve("services"))).isEqualTo(services.resolve("services"));
            assertThat(Files.readSymbolicLink(rideopsHome.resolve("flink"))).isEqualTo(services.resolve("flink"));
            assertThat(Files.getOwner(services).getName()).isEqualTo("root");
            // what the stack writes there, and PostgreSQL's root as its first start makes it
            Files.writeString(rideopsHome.resolve("services/kafka-cluster-id"), "id\n");
            Files.createDirectory(stack.postgresRoot());
            Files.createDirectory(stack.postgresRoot().resolve("source-db"));

            stack.down(StackListener.SILENT, true);

            assertThat(services).doesNotExist();
            assertThat(stack.postgresRoot()).doesNotExist();
            assertThat(rideopsHome.resolve("services")).doesNotExist();
            assertThat(Files.exists(rideopsHome.resolve("flink"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .isFalse();
        } finally {
            dev.rideops.stack.os.FileTrees.delete(services);
            dev.rideops.stack.os.FileTrees.delete(stack.postgresRoot());
        }
    }

    @Test
    void asRootEveryServerHasAUserOfItsOwnOneForTheBrokersOneForFlinkOneForPostgres() {
        StackSpec spec = TestSpecs.with(home, home, TestSpecs.monitoring(Path.of("/usr/bin/prometheus"), null), 2);
        Stack stack = new Stack(spec, true);

        java.util.Map<String, String> users = new java.util.TreeMap<>();
        stack.status(stack.diskUsage()).forEach(s -> users.put(s.service(), s.user()));

        assertThat(users)
                .containsEntry("source-db", "rideops-postgres")
                .containsEntry("reporting-db", "rideops-postgres")
                .containsEntry("kafka-1", "rideops-kafka")
                .containsEntry("search", "rideops-search")
                .containsEntry("connect", "rideops-connect")
                .containsEntry("flink-jobmanager", "rideops-flink")
                .containsEntry("flink-taskmanager-1", "rideops-flink")
                .containsEntry("flink-taskmanager-2", "rideops-flink")
                .containsEntry("prometheus", "rideops-prometheus");
        // rideops's own background processes too, whether watched or made to be started with a config
        assertThat(users).containsEntry("exporter", "rideops-exporter");
        assertThat(stack.exporter("{}").user().flatMap(ServerUser::name)).contains("rideops-exporter");
        assertThat(stack.dashboard().user().flatMap(ServerUser::name)).contains("rideops-dashboard");
        assertThat(stack.dashboard("{}", List.of()).user().flatMap(ServerUser::name))
                .contains("rideops-dashboard");
        assertThat(stack.generator().user().flatMap(ServerUser::name)).contains("rideops-generator");
        assertThat(stack.generator(List.of("generate"), "{}").user().flatMap(ServerUser::name))
                .contains("rideops-generator");
    }

    @Test
    void asAnotherUserEverythingStaysInTheHome() {
        Stack stack = new Stack(TestSpecs.with(home, home, TestSpecs.withoutMonitoring(), 1), false);

        assertThat(stack.servicesHome()).isEqualTo(home);
        assertThat(stack.postgresRoot()).isEqualTo(home.resolve("postgres"));
        assertThat(stack.status(stack.diskUsage()))
                .extracting(ServiceStatus::user)
                .containsOnly(System.getProperty("user.name"));
        assertThat(stack.dashboard().user()).isEmpty();
        assertThat(stack.generator(List.of("generate"), "{}").user()).isEmpty();
    }

    @Test
    void withoutPrometheusTheStackHasNoMonitoring() {
        StackSpec spec = TestSpecs.with(home, home, TestSpecs.withoutMonitoring(), 1);

        assertThat(new Stack(spec, false).services())
                .extracting(Service::name)
                .doesNotContain("prometheus", "alertmanager");
        assertThat(spec.ports()).extracting(StackSpec.PortUse::port).doesNotContain(9090, 9095, 9400);
    }

    @Test
    void aPortHeldByTheProcessAServicesPidFileNamesIsInUseByRideopsNotAClash() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackSpec spec = TestSpecs.withPorts(
                    home, home, 5432, 5433, 9092, 29092, 8083, 8081, 6123, 6124, busy.getLocalPort(), 9300, 1);
            Stack stack = new Stack(spec, false);
            Preflight preflight = new Preflight(
                    spec, 0, Path.of("/proc"), PortOwners.system(), new Executables(""), stack.runningPids(), false);
            Check before = portCheck(preflight, busy.getLocalPort());

            ServiceDirs search = ServiceDirs.of(home, "search").create();
            new PidFile(search.pid(), search.pidForOthers()).write(ProcessHandle.current(), false);
            Preflight after = new Preflight(
                    spec, 0, Path.of("/proc"), PortOwners.system(), new Executables(""), stack.runningPids(), false);

            assertThat(before.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(before.detail())
                    .contains("pid " + ProcessHandle.current().pid());
            assertThat(stack.runningPids())
                    .containsEntry(ProcessHandle.current().pid(), "search");
            Check own = portCheck(after, busy.getLocalPort());
            assertThat(own.status()).isEqualTo(CheckStatus.OK);
            assertThat(own.detail()).startsWith("in use by rideops search (search: search REST");
        }
    }

    private static Check portCheck(Preflight preflight, int port) {
        return preflight.run().stream()
                .filter(c -> c.group().equals("ports") && c.name().equals(Integer.toString(port)))
                .findFirst()
                .orElseThrow();
    }
}
