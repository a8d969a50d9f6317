package dev.rideops.stack.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.TestSpecs;
import dev.rideops.stack.disk.DiskSpace;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.JavaRuntimes;
import dev.rideops.stack.os.JavaRuntimesTest;
import dev.rideops.stack.os.PortOwners;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path dir;

    private Preflight preflight(StackSpec spec, Map<Long, String> stackPids, boolean root, String path) {
        return new Preflight(
                spec, 2L << 30, Path.of("/proc"), PortOwners.system(), new Executables(path), stackPids, root);
    }

    private static Check named(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void busyPortFailsAndNamesTheProcessHoldingIt() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            StackSpec spec =
                    TestSpecs.withPorts(dir, dir, port, 5433, 9092, 29092, 8083, 8081, 6123, 6124, 9200, 9300, 1);

            Check check = named(preflight(spec, Map.of(), false, "").portChecks(), Integer.toString(port));

            assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(check.detail())
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains("java")
                    .contains("source-db");
            assertThat(check.fix()).contains("--set source.port=");
        }
    }

    @Test
    void portHeldByOurOwnRunningServiceIsNotAClash() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            StackSpec spec =
                    TestSpecs.withPorts(dir, dir, 5432, 5433, 9092, 29092, 8083, 8081, 6123, 6124, port, 9300, 1);

            Check check = named(
                    preflight(spec, Map.of(ProcessHandle.current().pid(), "search"), false, "")
                            .portChecks(),
                    Integer.toString(port));

            assertThat(check.status()).isEqualTo(CheckStatus.OK);
            assertThat(check.detail()).contains("rideops search");
        }
    }

    @Test
    void threeBrokersNeedThreeClientAndThreeControllerPorts() {
        StackSpec spec = TestSpecs.withPorts(dir, dir, 5432, 5433, 9092, 29092, 8083, 8081, 6123, 6124, 9200, 9300, 3);

        assertThat(spec.ports()).extracting(StackSpec.PortUse::port).contains(9092, 9093, 9094, 29092, 29093, 29094);
    }

    @Test
    void unbuiltRuntimeFailsWithTheBuildCommand() throws IOException {
        Files.createDirectories(dir.resolve("stack/runtimes/kafka/target/lib"));
        Files.writeString(dir.resolve("stack/runtimes/kafka/target/lib/kafka_2.13-4.1.2.jar"), "");

        List<Check> checks =
                preflight(TestSpecs.defaults(dir, dir), Map.of(), false, "").runtimes();

        assertThat(named(checks, "kafka").status()).isEqualTo(CheckStatus.OK);
        Check flink = named(checks, "flink");
        assertThat(flink.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(flink.fix()).contains("./mvnw -q -DskipTests -Drideops.noAvro package");
        // JSON change events: the registry and its converter are neither needed nor built by default
        assertThat(checks).hasSize(RuntimeLayout.COMPONENTS.size());
        assertThat(checks).extracting(Check::name).doesNotContain("registry", "avro-converter");
    }

    @Test
    void avroChangeEventsNeedTheConverterAndTheLocalRegistryBuiltByTheAvroProfile() throws IOException {
        StackSpec local = TestSpecs.withRegistry(
                TestSpecs.defaults(dir, dir),
                new StackSpec.Registry(true, 8080, 8091, 256, TestSpecs.REGISTRY_USERS, ""));
        StackSpec remote = TestSpecs.withRegistry(
                TestSpecs.defaults(dir, dir),
                new StackSpec.Registry(false, 8080, 8091, 256, TestSpecs.REGISTRY_USERS, ""));
        Path converter = Files.createDirectories(dir.resolve("stack/runtimes/avro-converter/target/lib"));
        Files.writeString(converter.resolve("apicurio-registry-utils-converter-2.6.13.Final.jar"), "");
        // Apicurio's jars without the module's own, which holds the manifest Connect finds the converter by: an
        // older build's lib, with which Connect starts but cannot load the converter
        assertThat(named(preflight(local, Map.of(), false, "").runtimes(), "avro-converter")
                        .status())
                .isEqualTo(CheckStatus.FAIL);
        Files.writeString(converter.resolve("rideops-runtime-avro-converter-0.1.0-SNAPSHOT.jar"), "");

        List<Check> checks = preflight(local, Map.of(), false, "").runtimes();

        assertThat(checks).hasSize(RuntimeLayout.COMPONENTS.size() + 2);
        assertThat(named(checks, "avro-converter").status()).isEqualTo(CheckStatus.OK);
        Check registry = named(checks, "registry");
        assertThat(registry.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(registry.fix())
                .contains("./mvnw -q -Pavro -pl stack/runtimes/registry,stack/runtimes/avro-converter");
        // another registry: only the converter, which the local Connect worker loads
        assertThat(preflight(remote, Map.of(), false, "").runtimes())
                .extracting(Check::name)
                .contains("avro-converter")
                .doesNotContain("registry");
    }

    @Test
    void theLocalRegistryNeedsAJava21FoundBesideTheRunningOneOrNamedBySetting() throws IOException {
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        Path java17 = JavaRuntimesTest.fakeJava(jvms.resolve("java-17"), "17.0.15");
        StackSpec.Registry auto = new StackSpec.Registry(true, 8080, 8091, 256, TestSpecs.REGISTRY_USERS, "");

        Check none = Preflight.registryJava(auto, new JavaRuntimes(java17, jvms));

        assertThat(none.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(none.detail()).contains("needs Java 21 or newer");
        assertThat(none.fix()).contains("registry.java-home");

        Path java25 = JavaRuntimesTest.fakeJava(jvms.resolve("temurin-25"), "25.0.3");
        Check found = Preflight.registryJava(auto, new JavaRuntimes(java17, jvms));
        assertThat(found.status()).isEqualTo(CheckStatus.OK);
        assertThat(found.detail()).isEqualTo("Java 25 (" + java25 + ")");

        // a setting naming an older Java is refused, not silently replaced by the one found
        StackSpec.Registry named =
                new StackSpec.Registry(true, 8080, 8091, 256, TestSpecs.REGISTRY_USERS, java17.toString());
        Check refused = Preflight.registryJava(named, new JavaRuntimes(java17, jvms));
        assertThat(refused.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(refused.detail())
                .isEqualTo("registry.java-home " + java17 + " is not a Java 21 or newer"
                        + " (the local schema registry (cdc.format avro) needs one)");
    }

    @Test
    void oldJavaFails() {
        assertThat(Preflight.java(11, "/usr/lib/jvm/java-11").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(Preflight.java(17, "/usr/lib/jvm/java-17").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void rootNeedsSetprivUseraddAndACheckoutTheServiceUsersCanReach() throws IOException {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path open = Files.createDirectories(dir.resolve("open"));
        StackSpec spec = TestSpecs.defaults(open, open);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path setpriv = Files.writeString(bin.resolve("setpriv"), "#!/bin/sh\n");
        setpriv.toFile().setExecutable(true);
        Check noUseradd = preflight(spec, Map.of(), true, bin.toString()).unprivilegedUser();
        assertThat(noUseradd.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(noUseradd.detail()).contains("useradd missing");

        Path useradd = Files.writeString(bin.resolve("useradd"), "#!/bin/sh\n");
        useradd.toFile().setExecutable(true);
        Check ok = preflight(spec, Map.of(), true, bin.toString()).unprivilegedUser();
        assertThat(ok.status()).isEqualTo(CheckStatus.OK);
        assertThat(ok.detail()).contains("every service drops to its own user").contains("rideops-kafka");

        Path closed = Files.createDirectories(dir.resolve("closed/checkout"));
        Files.setPosixFilePermissions(
                dir.resolve("closed"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Check unreachable = preflight(TestSpecs.defaults(open, closed), Map.of(), true, bin.toString())
                .unprivilegedUser();
        assertThat(unreachable.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(unreachable.detail()).contains("cannot reach " + closed);

        Check notRoot = preflight(spec, Map.of(), false, "").unprivilegedUser();
        assertThat(notRoot.status()).isEqualTo(CheckStatus.OK);
        assertThat(notRoot.detail()).contains("current user");
    }

    @Test
    void missingOptionalToolIsOnlyAWarningAndDoesNotFailPreflight() {
        Check check = preflight(TestSpecs.defaults(dir, dir), Map.of(), false, dir.toString())
                .optionalTool(List.of("prometheus"), "metrics", "apt-get install prometheus");

        assertThat(check.status()).isEqualTo(CheckStatus.WARN);
        assertThat(check.fix()).isEqualTo("apt-get install prometheus");
        assertThat(Preflight.passed(List.of(check))).isTrue();
        assertThat(Preflight.passed(List.of(check, Check.fail("g", "n", "d", "f"))))
                .isFalse();
    }

    @Test
    void monitoringToolsAreOptionalAndAlertmanagerIsFoundUnderEitherName() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String program : List.of("prometheus", "alertmanager")) {
            Path file = Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            file.toFile().setExecutable(true);
        }

        List<Check> checks = preflight(TestSpecs.defaults(dir, dir), Map.of(), false, bin.toString())
                .run();

        assertThat(named(checks, "prometheus").status()).isEqualTo(CheckStatus.OK);
        assertThat(named(checks, "prometheus-alertmanager").status()).isEqualTo(CheckStatus.OK);
        assertThat(named(checks, "prometheus-alertmanager").detail())
                .isEqualTo(bin.resolve("alertmanager").toString());
        assertThat(named(checks, "promtool").status()).isEqualTo(CheckStatus.WARN);
        assertThat(named(checks, "promtool").fix()).isEqualTo("apt-get install prometheus (it brings promtool)");
    }

    @Test
    void diskCheckLooksAtTheNearestExistingDirectory() {
        Check check = preflight(TestSpecs.defaults(dir.resolve("not/yet/there"), dir), Map.of(), false, "")
                .disk();

        assertThat(check.status()).isNotEqualTo(CheckStatus.FAIL);
        assertThat(check.detail()).contains("free");
    }

    @Test
    void lessFreeThanDiskMinFreeOnlyWarnsAndNamesWhatUsesTheHome() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("services/kafka-1"));
        Files.write(home.resolve("services/kafka-1/segment.log"), new byte[64 * 1024]);
        Preflight preflight = preflight(TestSpecs.defaults(home, dir), Map.of(), false, "");

        Check low = preflight.disk(Optional.of(new DiskSpace(1L << 30, 100L << 30)));
        Check enough = preflight.disk(Optional.of(new DiskSpace(3L << 30, 100L << 30)));

        assertThat(low.status()).isEqualTo(CheckStatus.WARN);
        assertThat(low.detail())
                .startsWith("only 1.0 GiB free on the disk of " + home + " (disk.min-free is 2.0 GiB)")
                .contains("the most there: kafka-1 ");
        assertThat(low.fix()).contains("kafka.retention-bytes");
        assertThat(Preflight.passed(List.of(low))).isTrue();
        assertThat(enough.status()).isEqualTo(CheckStatus.OK);
        assertThat(enough.detail()).isEqualTo("3.0 GiB free under " + home + " (disk.min-free 2.0 GiB)");
    }
}
