package dev.rideops.stack.services;

import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.os.ServerUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the JobManager and TaskManagers of the local Flink session cluster share: the configuration (written as
 * {@code config.yaml}, never {@code flink-conf.yaml}, which would win), Flink's JVM flags for Java 17, and the
 * memory flags that flink-dist's shell scripts would normally compute.
 */
public final class FlinkCluster {

    /** Flink's default env.java.default-opts.all for Java 17. */
    static final List<String> JAVA17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path home;
    private final Path lib;
    private final int restPort;
    private final int rpcPort;
    private final int blobPort;
    private final List<Integer> metricsPorts;
    private final int slots;
    private final int jobManagerMemoryMb;
    private final int taskManagerMemoryMb;
    private final Map<String, String> nativeConfig;
    private final LogRotation logRotation;
    /** The one user of the JobManager and TaskManagers: they share checkpoints, savepoints and uploads. */
    private ServerUser user;

    public FlinkCluster(
            Path home,
            Path lib,
            int restPort,
            int rpcPort,
            int blobPort,
            List<Integer> metricsPorts,
            int slots,
            int jobManagerMemoryMb,
            int taskManagerMemoryMb,
            Map<String, String> nativeConfig,
            LogRotation logRotation) {
        this.home = home;
        this.lib = lib;
        this.restPort = restPort;
        this.rpcPort = rpcPort;
        this.blobPort = blobPort;
        this.metricsPorts = List.copyOf(metricsPorts);
        this.slots = slots;
        this.jobManagerMemoryMb = jobManagerMemoryMb;
        this.taskManagerMemoryMb = taskManagerMemoryMb;
        this.nativeConfig = new java.util.LinkedHashMap<>(nativeConfig);
        this.logRotation = logRotation;
    }

    Path lib() {
        return lib;
    }

    /** Who the cluster's processes run as, when rideops runs as root ({@link ServerUser}); set before they start. */
    public FlinkCluster runAs(ServerUser user) {
        this.user = user;
        return this;
    }

    Path uploads() {
        return home.resolve("flink/uploads");
    }

    int restPort() {
        return restPort;
    }

    LogRotation logRotation() {
        return logRotation;
    }

    /** Checkpoints and savepoints survive restarts of the cluster; they live beside the services. */
    public Path checkpoints() {
        return home.resolve("flink/checkpoints");
    }

    public Path savepoints() {
        return home.resolve("flink/savepoints");
    }

    void writeConfig(Path conf, Path tmp, Path log, Map<String, Object> extra) throws IOException {
        Files.createDirectories(tmp);
        Files.createDirectories(checkpoints());
        Files.createDirectories(savepoints());
        Files.createDirectories(uploads());
        if (user != null && user.dropsRoot()) {
            // what Flink writes is its user's; flink/ itself stays root's (rideops writes the last savepoint there)
            for (Path written : List.of(checkpoints(), savepoints(), uploads())) {
                user.ownTree(written);
            }
            user.letThrough(home, checkpoints().getParent());
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", rpcPort);
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.memory.process.size", jobManagerMemoryMb + "m");
        c.put("blob.server.port", blobPort);
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", restPort);
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", slots);
        c.put("taskmanager.memory.process.size", taskManagerMemoryMb + "m");
        c.put("parallelism.default", 1);
        // With several TaskManagers, each slot request goes to the least used one, so a job at parallelism N spreads
        // its subtasks over them instead of filling the first TaskManager's slots (and losing all of them with it).
        c.put("taskmanager.load-balance.mode", "SLOTS");
        c.put("io.tmp.dirs", tmp);
        c.put("web.tmpdir", tmp);
        c.put("web.upload.dir", uploads());
        c.put("execution.checkpointing.interval", "10s");
        c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.put("state.backend.type", "hashmap");
        c.put("state.checkpoints.dir", checkpoints().toUri());
        c.put("state.savepoints.dir", savepoints().toUri());
        c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.put("restart-strategy.type", "exponential-delay");
        c.put("restart-strategy.exponential-delay.initial-backoff", "1s");
        c.put("restart-strategy.exponential-delay.max-backoff", "30s");
        c.put("heartbeat.timeout", 20000);
        // A crashed TaskManager is declared lost after two heartbeats that cannot reach it: every 2 s instead of
        // 10 s, so the job fails over in seconds instead of half a minute (a slow but live one still gets 20 s)
        c.put("heartbeat.interval", 2000);
        c.put("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        // Each process takes the first free port of the range, which has one port per process, so Prometheus
        // scrapes exactly these. Flink 1.20's reporter listens on every interface: it has no option for the address.
        c.put("metrics.reporter.prom.port", metricsPorts.get(0) + "-" + metricsPorts.get(metricsPorts.size() - 1));
        c.putAll(extra);
        // The user's own keys (flink.config) last: config.yaml is flat here, and a later key would be a duplicate.
        c.putAll(nativeConfig);
        StringBuilder yaml = new StringBuilder("# written by rideops; regenerated on every start\n");
        c.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml);
        Log4j2Config.write(conf, log, logRotation, "org.apache.flink.runtime.checkpoint", "org.apache.kafka");
    }

    private static String quote(Object value) {
        String s = value.toString();
        return s.contains(":") || s.contains("#") ? "'" + s.replace("'", "''") + "'" : s;
    }

    /**
     * Runs Flink's own BashJavaUtils for the JVM memory flags and dynamic properties that the JobManager or
     * TaskManager needs (without them a TaskManager exits at once).
     */
    private ResourceParams resourceParams(Path conf, String mode, Path log) throws IOException {
        List<String> command = JavaCommand.of("org.apache.flink.runtime.util.bash.BashJavaUtils")
                .heapMb(128)
                .jarsIn(lib)
                .property("log4j2.configurationFile", conf.resolve("log4j2.properties"))
                .args(mode, "--configDir", conf.toString())
                .build();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("Flink could not compute " + mode + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        List<String> results = new ArrayList<>();
        output.lines()
                .filter(l -> l.startsWith(RESULT_PREFIX))
                .forEach(l -> results.add(l.substring(RESULT_PREFIX.length()).trim()));
        if (results.size() < 2) {
            throw new IOException("unexpected output of Flink's " + mode + ": " + output.strip());
        }
        return new ResourceParams(
                List.of(results.get(results.size() - 2).split(" ")),
                List.of(results.get(results.size() - 1).split(" ")));
    }

    /** The command of a JobManager or TaskManager: Flink's computed memory flags, Java 17 opens, its config. */
    List<String> command(String mainClass, String resourceMode, Path conf, Path log) throws IOException {
        ResourceParams params = resourceParams(conf, resourceMode, log);
        return JavaCommand.of(mainClass)
                .jvm(params.jvmOptions())
                .jvm(JAVA17_OPENS)
                .jarsIn(lib)
                .property("log4j2.configurationFile", conf.resolve("log4j2.properties"))
                .property("log.file", log)
                .args("--configDir", conf.toString())
                .args(params.dynamicProperties())
                .build();
    }

    /** JVM flags ({@code -Xmx…}) and program arguments ({@code -D key=value …}) for one Flink process. */
    record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {}
}
