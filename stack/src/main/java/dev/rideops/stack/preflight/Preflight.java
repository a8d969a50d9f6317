package dev.rideops.stack.preflight;

import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.disk.Bytes;
import dev.rideops.stack.disk.DiskSpace;
import dev.rideops.stack.disk.DiskUsage;
import dev.rideops.stack.disk.LowDisk;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.JavaRuntimes;
import dev.rideops.stack.os.MemoryInfo;
import dev.rideops.stack.os.PortOwners;
import dev.rideops.stack.os.ProcessInfo;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.services.AlertmanagerService;
import dev.rideops.stack.services.PrometheusService;
import dev.rideops.stack.services.RegistryService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks that this machine can run the embedded stack described by a {@link StackSpec}: Java, memory, disk,
 * ports, built runtimes, the means to run the services without root when rideops is root, and optional tools.
 */
public final class Preflight {

    static final int REQUIRED_JAVA = 17;

    private final StackSpec spec;
    private final long diskMinFreeBytes;
    private final Path proc;
    private final PortOwners ports;
    private final Executables executables;
    private final Map<Long, String> stackPids;
    private final boolean root;
    private final String javaHome = System.getProperty("java.home");

    /**
     * @param diskMinFreeBytes free space under the home below which the disk check warns ({@code disk.min-free})
     * @param stackPids pids of services this stack already runs, by service name: their ports are not clashes
     * @param root whether the current user is root (every service then runs as an unprivileged user of its own)
     */
    public Preflight(
            StackSpec spec,
            long diskMinFreeBytes,
            Path proc,
            PortOwners ports,
            Executables executables,
            Map<Long, String> stackPids,
            boolean root) {
        this.spec = spec;
        this.diskMinFreeBytes = diskMinFreeBytes;
        this.proc = proc;
        this.ports = ports;
        this.executables = executables;
        this.stackPids = Map.copyOf(stackPids);
        this.root = root;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(java(Runtime.version().feature(), System.getProperty("java.home")));
        checks.add(memory());
        checks.add(disk());
        checks.add(unprivilegedUser());
        checks.addAll(runtimes());
        if (spec.runsRegistry()) {
            checks.add(registryJava(spec.registry(), JavaRuntimes.ofThisMachine()));
        }
        checks.addAll(portChecks());
        checks.add(optionalTool(
                PrometheusService.BINARIES,
                "'up' runs it to scrape the job's metrics and evaluate the alert rules",
                "apt-get install prometheus, or set monitoring.prometheus-url to an existing Prometheus"));
        checks.add(optionalTool(
                AlertmanagerService.BINARIES,
                "'up' runs it beside Prometheus to group and silence alerts",
                "apt-get install prometheus-alertmanager"));
        checks.add(optionalTool(
                List.of("promtool"),
                "the build tests the alert rules with it",
                "apt-get install prometheus (it brings promtool)"));
        checks.add(
                optionalTool(List.of("chromium"), "renders bench HTML reports headless", "apt-get install chromium"));
        checks.add(optionalTool(
                List.of("docker"),
                "only for the optional stack/compose/docker-compose.yml",
                "not needed: the embedded stack runs without Docker"));
        return checks;
    }

    public static boolean passed(List<Check> checks) {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    static Check java(int feature, String javaHome) {
        String detail = "Java " + Runtime.version() + " (" + javaHome + ")";
        if (feature < REQUIRED_JAVA) {
            return Check.fail(
                    "system", "java", detail, "install Java 17 or newer and put it first on PATH (or set JAVA_HOME)");
        }
        return Check.ok("system", "java", detail);
    }

    /** The local registry's Java: Apicurio Registry 3.3 does not load on the Java 17 the rest of the stack runs on. */
    static Check registryJava(StackSpec.Registry registry, JavaRuntimes runtimes) {
        return runtimes.atLeast(StackSpec.Registry.JAVA, registry.configuredJava())
                .map(home -> Check.ok(
                        "system",
                        "registry java",
                        "Java " + JavaRuntimes.version(home).orElse(0) + " (" + home + ")"))
                .orElseGet(() -> Check.fail(
                        "system",
                        "registry java",
                        JavaRuntimes.missing(
                                "the local schema registry (cdc.format avro)",
                                StackSpec.Registry.JAVA,
                                registry.configuredJava(),
                                "registry.java-home"),
                        RegistryService.JAVA_FIX));
    }

    Check memory() {
        OptionalLong available = MemoryInfo.availableMb(proc);
        long needed = spec.estimatedMemoryMb();
        if (available.isEmpty()) {
            return Check.warn(
                    "system",
                    "memory",
                    "cannot read /proc/meminfo; the stack needs ~" + needed + " MiB",
                    "make sure ~" + needed + " MiB are free");
        }
        String detail = available.getAsLong() + " MiB available, stack needs ~" + needed + " MiB ("
                + spec.kafka().brokers() + " broker" + (spec.kafka().brokers() == 1 ? "" : "s") + ")";
        if (available.getAsLong() < needed) {
            return Check.fail(
                    "system",
                    "memory",
                    detail,
                    "free memory, or use --brokers 1 and smaller heaps (kafka.heap, search.heap)");
        }
        if (available.getAsLong() < needed * 3 / 2) {
            return Check.warn("system", "memory", detail, "the generator and bench need headroom: free memory");
        }
        return Check.ok("system", "memory", detail);
    }

    Check disk() {
        return disk(DiskSpace.of(spec.home()));
    }

    /** Below {@code disk.min-free} a warning that names what under the home uses the most. */
    Check disk(Optional<DiskSpace> space) {
        if (space.isEmpty()) {
            return Check.warn(
                    "system",
                    "disk",
                    "cannot read the free space under " + spec.home(),
                    "make sure " + Bytes.human(diskMinFreeBytes) + " are free under " + spec.home());
        }
        if (!LowDisk.low(space.get(), diskMinFreeBytes)) {
            return Check.ok(
                    "system",
                    "disk",
                    Bytes.human(space.get().freeBytes()) + " free under " + spec.home() + " (disk.min-free "
                            + Bytes.human(diskMinFreeBytes) + ")");
        }
        // measured only now: sizing every service's directory is the slow part of this check
        String warning = LowDisk.warning(spec.home(), space.get(), diskMinFreeBytes, DiskUsage.of(spec.home()))
                .orElseThrow();
        return Check.warn("system", "disk", warning, LowDisk.FIX);
    }

    /**
     * As root every service drops to its own user ({@code rideops-<service>}, {@link ServerUser}): that needs
     * {@code setpriv}, {@code useradd} for users still missing, and the JDK and the checkout (whose jars the services
     * load) readable by others.
     */
    Check unprivilegedUser() {
        if (!root) {
            return Check.ok("system", "service users", "services run as the current user, like rideops");
        }
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("setpriv", "useradd")) {
            if (executables.find(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            return Check.fail(
                    "system",
                    "service users",
                    "running as root, and services drop root to users of their own; " + String.join(" and ", missing)
                            + " missing",
                    "apt-get install util-linux passwd, or run rideops as a normal user");
        }
        for (Path needed : List.of(Path.of(javaHome), spec.runtimes().dist())) {
            if (!ServerUser.reachableByOthers(needed)) {
                return Check.fail(
                        "system",
                        "service users",
                        "running as root, and the services' users cannot reach " + needed
                                + " (a directory on the way is closed to others), whose programs and jars they load",
                        "move it to a directory others can read (e.g. /opt), or run rideops as a normal user");
            }
        }
        return Check.ok(
                "system",
                "service users",
                "running as root: every service drops to its own user (" + ServerUser.PREFIX + "<service>, e.g. "
                        + ServerUser.PREFIX + "kafka; created with useradd when missing); the CLI stays root");
    }

    /**
     * Every component the stack runs from the build's output; the registry and its converter only with {@code
     * cdc.format: avro} (the converter then on the local Connect worker, the registry unless {@code registry.url}
     * names another), which the build's {@code avro} profile makes.
     */
    List<Check> runtimes() {
        RuntimeLayout layout = spec.runtimes();
        List<Check> checks = new ArrayList<>();
        for (String component : RuntimeLayout.COMPONENTS) {
            checks.add(runtime(component, layout.buildCommand()));
        }
        if (spec.avroChangeEvents()) {
            checks.add(runtime(RuntimeLayout.AVRO_CONVERTER, layout.avroBuildCommand()));
        }
        if (spec.runsRegistry()) {
            checks.add(runtime(RuntimeLayout.REGISTRY, layout.avroBuildCommand()));
        }
        return checks;
    }

    private Check runtime(String component, String buildCommand) {
        RuntimeLayout layout = spec.runtimes();
        if (layout.isBuilt(component)) {
            return Check.ok("artifacts", component, layout.lib(component).toString());
        }
        return Check.fail(
                "artifacts", component, "not built (" + layout.lib(component) + " missing)", "run: " + buildCommand);
    }

    List<Check> portChecks() {
        List<Check> checks = new ArrayList<>();
        for (StackSpec.PortUse use : spec.ports()) {
            String name = Integer.toString(use.port());
            String purpose = use.service() + ": " + use.purpose();
            if (ports.isFree(use.port())) {
                checks.add(Check.ok("ports", name, "free (" + purpose + ")"));
                continue;
            }
            Optional<ProcessInfo> owner = ports.listenerOf(use.port());
            String ownService = owner.map(o -> stackPids.get(o.pid())).orElse(null);
            if (ownService != null) {
                // this stack's own service, named by its pid file: the port is where it should be
                checks.add(Check.ok("ports", name, "in use by rideops " + ownService + " (" + purpose + ")"));
                continue;
            }
            String holder = owner.map(ProcessInfo::toString)
                    .orElse("another process (run: ss -ltnp 'sport = :" + use.port() + "')");
            checks.add(Check.fail(
                    "ports",
                    name,
                    "in use by " + holder + " (" + purpose + ")",
                    "stop that process, or move rideops: --set " + use.configKey() + "=<free port>"));
        }
        return checks;
    }

    /** A tool some features use, under any of its names (the first names the check): missing is only a warning. */
    Check optionalTool(List<String> names, String why, String fix) {
        String name = names.get(0);
        return executables
                .findAny(names)
                .map(p -> Check.ok("optional", name, p.toString()))
                .orElseGet(() -> Check.warn("optional", name, "not installed (" + why + ")", fix));
    }
}
