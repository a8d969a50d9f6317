package dev.rideops.stack.services;

import dev.rideops.clients.http.RestCalls;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.secrets.FlinkRestCertificates;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the JobManager and TaskManagers of the local Flink session cluster share: the configuration (written as
 * {@code config.yaml}, never {@code flink-conf.yaml}, which would win), Flink's JVM flags for Java 17, and the
 * memory flags that flink-dist's shell scripts would normally compute. With {@link FlinkRestCertificates} its REST
 * API serves mutual TLS: only a client holding a certificate of the local CA (rideops's) gets an answer.
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
    /** The JobManager's copies of its stores, in its conf directory: what its config.yaml names. */
    static final String REST_KEYSTORE = "rest-keystore.p12";

    static final String REST_TRUSTSTORE = "rest-truststore.p12";
    /**
     * TLS 1.3 only. Flink also copies security.ssl.protocol unquoted into Pekko's HOCON config, where a list
     * ("TLSv1.3,TLSv1.2") does not parse and the JobManager does not start. The 1.2 suites below stay for a remote
     * cluster's own protocol setting; Flink's default is one RSA key-exchange suite.
     */
    static final String TLS_PROTOCOLS = "TLSv1.3";

    static final String TLS_SUITES = "TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256,"
            + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

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
    /** The REST API's certificates; null: plain http (tests of the config alone). */
    private final FlinkRestCertificates restTls;

    /**
     * @param restTls the REST API's certificates: it then serves https and asks every client for its certificate;
     *     null: plain http (tests of the config alone)
     */
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
            LogRotation logRotation,
            FlinkRestCertificates restTls) {
        this.home = home;
        this.lib = lib;
        this.restPort = restPort;
        this.rpcPort = rpcPort;
        this.blobPort = blobPort;
        this.metricsPorts = List.copyOf(metricsPorts);
        this.slots = slots;
        this.jobManagerMemoryMb = jobManagerMemoryMb;
        this.taskManagerMemoryMb = taskManagerMemoryMb;
        this.nativeConfig = new LinkedHashMap<>(nativeConfig);
        this.logRotation = logRotation;
        this.restTls = restTls;
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

    /** Where the REST API answers: https with the certificates, else http. */
    String restEndpoint() {
        return (restTls == null ? "http" : "https") + "://127.0.0.1:" + restPort;
    }

    /** REST calls as rideops makes them: with its client certificate when the API asks for one. */
    RestCalls restCalls(String what) {
        return new RestCalls(restEndpoint(), what, restTls == null ? null : restTls.clientTls());
    }

    /**
     * The JobManager's REST TLS settings, after issuing what is missing ({@link FlinkRestCertificates#ensure}): its
     * own copies of the server keystore and the truststore in {@code conf} (0600, so a JobManager that runs as
     * another user than rideops still reads them without entering the secrets directory), and their passwords,
     * which only the 0600 config.yaml holds (Flink hides keys named *password* in its log and REST answers).
     */
    Map<String, Object> restServerConfig(Path conf) throws IOException {
        if (restTls == null) {
            return Map.of();
        }
        restTls.ensure();
        Path keystore = copyOwnerOnly(restTls.serverStore(), conf.resolve(REST_KEYSTORE));
        Path truststore = copyOwnerOnly(restTls.truststore(), conf.resolve(REST_TRUSTSTORE));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("security.ssl.rest.enabled", true);
        // mutual: Netty asks every client for a certificate the truststore's CA signed
        c.put("security.ssl.rest.authentication-enabled", true);
        c.put("security.ssl.rest.keystore", keystore);
        c.put("security.ssl.rest.keystore-type", "PKCS12");
        c.put("security.ssl.rest.keystore-password", new Quoted(restTls.serverPassword()));
        c.put("security.ssl.rest.key-password", new Quoted(restTls.serverPassword()));
        c.put("security.ssl.rest.truststore", truststore);
        c.put("security.ssl.rest.truststore-type", "PKCS12");
        c.put("security.ssl.rest.truststore-password", new Quoted(restTls.truststorePassword()));
        c.put("security.ssl.protocol", TLS_PROTOCOLS);
        c.put("security.ssl.algorithms", TLS_SUITES);
        return c;
    }

    private Path copyOwnerOnly(Path from, Path to) throws IOException {
        Path temp = to.resolveSibling("." + to.getFileName() + ".tmp");
        Secrets.writeOwnerOnly(temp, Files.readAllBytes(from));
        giveToFlinksUser(temp);
        return Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A 0600 file root wrote for the JobManager or a TaskManager, readable by the user they run as. */
    private void giveToFlinksUser(Path file) throws IOException {
        if (user != null && user.dropsRoot()) {
            user.own(file);
        }
    }

    /** Checkpoints and savepoints survive restarts of the cluster; they live beside the services. */
    public Path checkpoints() {
        return home.resolve("flink/checkpoints");
    }

    public Path savepoints() {
        return home.resolve("flink/savepoints");
    }

    void writeConfig(Path conf, Path tmp, Path log, Map<String, Object> extra) throws IOException {
        writeConfig(conf, tmp, log, extra, Map.of());
    }

    /**
     * @param enforced keys no {@code flink.config} entry may change (the REST API's TLS), written after the user's
     */
    void writeConfig(Path conf, Path tmp, Path log, Map<String, Object> extra, Map<String, Object> enforced)
            throws IOException {
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
        // Keyed state lives on the heap with this backend and nothing else asks for managed memory (the cohort
        // batch has no keyed operators), so its default 40% would sit idle while the heap ran out: a day of `large`
        // history read from earliest killed a 1280 MB TaskManager with 288 MB of heap. Any other backend a user
        // names in flink.config (RocksDB, by name or factory class) keeps Flink's default, which it uses.
        String backend =
                nativeConfig.getOrDefault("state.backend.type", nativeConfig.getOrDefault("state.backend", "hashmap"));
        if ("hashmap".equalsIgnoreCase(backend.trim())) {
            c.put("taskmanager.memory.managed.fraction", "0");
        }
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
        c.putAll(enforced);
        StringBuilder yaml = new StringBuilder("# written by rideops; regenerated on every start\n");
        c.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        // 0600: the JobManager's holds its keystores' passwords
        Secrets.writeOwnerOnly(conf.resolve("config.yaml"), yaml.toString());
        giveToFlinksUser(conf.resolve("config.yaml"));
        Log4j2Config.write(conf, log, logRotation, "org.apache.flink.runtime.checkpoint", "org.apache.kafka");
    }

    /** A value always written in quotes: a password must stay a string whatever its characters. */
    record Quoted(String value) {
        @Override
        public String toString() {
            return "****";
        }
    }

    private static String quote(Object value) {
        if (value instanceof Quoted q) {
            return "'" + q.value().replace("'", "''") + "'";
        }
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
