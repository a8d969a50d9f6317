package dev.rideops.stack.lifecycle;

import dev.rideops.clients.Poll;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.stack.os.Executables;
import dev.rideops.stack.os.ServerUser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service that is one OS process with its own directory, log file and pid file. Subclasses say how to prepare
 * the directory (idempotently), which command to run, and how to probe health; this class does the rest.
 */
public abstract class ProcessService implements Service {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 15;

    protected final String name;
    protected final ServiceDirs dirs;
    protected final LogRotation logRotation;
    private final int port;
    private final Duration startTimeout;
    private final PidFile pidFile;
    private Process started;
    /** Who the process runs as: rideops's own user unless {@link #runAs} names another. */
    private ServerUser user;

    /**
     * @param port the main port users connect to (0 for none)
     * @param startTimeout how long it usually needs to become healthy on the reference machine, with headroom
     * @param logRotation how big its log may grow; JVM services also hand it to their log4j configuration
     */
    protected ProcessService(String name, ServiceDirs dirs, int port, Duration startTimeout, LogRotation logRotation) {
        this.name = name;
        this.dirs = dirs;
        this.logRotation = logRotation;
        this.port = port;
        this.startTimeout = startTimeout;
        this.pidFile = new PidFile(dirs.pid(), dirs.pidForOthers());
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Duration startTimeout() {
        return startTimeout;
    }

    /** {@code http://127.0.0.1:<port>}, for the REST services. */
    protected String httpEndpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The same port over TLS: a server started with {@code security.tls} (Kafka Connect, the search node, the schema
     * registry).
     */
    protected String httpsEndpoint() {
        return "https://127.0.0.1:" + port;
    }

    /** A probe that asks for a 200 at {@code path} of {@link #httpEndpoint()}: null when it came, else why not. */
    protected String probeHttp(String path) {
        return probeHttp(path, (ClientTls) null);
    }

    /**
     * The same over https ({@link #httpsEndpoint()}) with this TLS when it is given, for a server that asks no login
     * for {@code path}; null: plain http.
     */
    protected String probeHttp(String path, ClientTls tls) {
        return probe(new RestCalls(tls == null ? httpEndpoint() : httpsEndpoint(), name(), tls), path);
    }

    /**
     * The same, for a server that asks for basic auth (rideops's own: the dashboard, the exporter). A 401 is a
     * {@link LoginRefused} problem: the server keeps the login it started with, and no wait changes that.
     */
    protected String probeHttp(String path, BasicAuth auth) {
        String problem = probe(new RestCalls(httpEndpoint(), name(), auth), path);
        return problem != null && problem.startsWith("HTTP 401")
                ? LoginRefused.problem(problem + " as '" + auth.user() + "': it keeps the login it started with; '"
                        + "rideops restart " + name() + "' gives it the current one")
                : problem;
    }

    private static String probe(RestCalls calls, String path) {
        try {
            calls.probe(path);
            return null;
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /**
     * The one way a service drops root: when rideops runs as root, its process runs as {@code user} (through
     * {@link ServerUser#runAs()}), its directory becomes that user's at every start, after {@link #prepare()} wrote
     * into it, and only that user (and root) may enter it. Set once, before the first start.
     */
    public ProcessService runAs(ServerUser user) {
        this.user = user;
        return this;
    }

    /** The user the service runs as, if it drops root; empty when it runs as rideops's own user. */
    public Optional<ServerUser> user() {
        return Optional.ofNullable(user).filter(ServerUser::dropsRoot);
    }

    /**
     * Gives a file root wrote into the config directory (a secret, 0600) to the service's user, so it alone can read
     * it; nothing when the service runs as rideops's own user.
     */
    protected void ownByServiceUser(Path file) throws IOException {
        Optional<ServerUser> as = user();
        if (as.isPresent()) {
            as.get().own(file);
        }
    }

    /** Writes config and initialises data on first start; must be safe to repeat. */
    protected abstract void prepare() throws IOException;

    protected abstract List<String> command() throws IOException;

    protected Map<String, String> environment() {
        return Map.of();
    }

    /** The signal that asks this service to shut down cleanly. */
    protected String stopSignal() {
        return "TERM";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path logFile() {
        return dirs.log();
    }

    @Override
    public Optional<ProcessHandle> process() {
        return pidFile.alive();
    }

    @Override
    public boolean start() throws IOException {
        if (process().isPresent()) {
            return false;
        }
        Optional<ServerUser> as = user();
        if (as.isPresent()) {
            as.get().ensureExists();
        }
        dirs.create();
        logRotation.rotateIfFull(dirs.log());
        prepare();
        List<String> asUser = new ArrayList<>();
        as.ifPresent(u -> asUser.addAll(u.runAs()));
        asUser.addAll(command());
        List<String> command = detached(asUser);
        Files.writeString(
                dirs.log(),
                "=== rideops: starting " + name + " at " + Instant.now() + "\n" + "=== " + String.join(" ", command)
                        + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                // the log is the service's: never follow a link it may have put in its place
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (as.isPresent()) {
            handOver(as.get());
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dirs.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dirs.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (as.isPresent()) {
            // rideops's own settings may hold passwords (RIDEOPS_*_PASSWORD, ELASTIC_PASSWORD): a service that drops
            // root gets only what environment() hands it, as its user can read its own environment
            pb.environment().keySet().removeIf(k -> k.startsWith("RIDEOPS_") || k.equals("ELASTIC_PASSWORD"));
        }
        pb.environment().putAll(environment());
        started = pb.start();
        pidFile.write(started.toHandle(), as.isPresent());
        return true;
    }

    /**
     * Gives what the service writes (its data, temporary files, log) to its user. Its directory stays root's, shared
     * with the user's group only ({@link ServerUser#shareDir}), and its config directory and pid file stay root's: root
     * writes them at every start, so the service must not be able to swap them for links. Links in the directory
     * (PostgreSQL's data) are not followed: their targets are given away where they are made.
     */
    private void handOver(ServerUser as) throws IOException {
        try (java.util.stream.Stream<Path> children = Files.list(dirs.root())) {
            for (Path child : children.toList()) {
                if (!child.equals(dirs.conf()) && !child.equals(dirs.pid()) && !Files.isSymbolicLink(child)) {
                    as.ownTree(child);
                }
            }
        }
        as.shareDir(dirs.root());
        as.letThrough(dirs.root().getParent().getParent(), dirs.root().getParent());
    }

    /** A new session, so the service outlives the CLI and a Ctrl-C in the user's terminal does not reach it. */
    private static List<String> detached(List<String> command) {
        List<String> result = new ArrayList<>();
        Executables.fromEnvironment().find("setsid").ifPresent(setsid -> result.add(setsid.toString()));
        result.addAll(command);
        return result;
    }

    @Override
    public void awaitHealthy(Duration timeout) {
        AtomicReference<String> lastProblem = new AtomicReference<>("did not answer");
        boolean healthy = Poll.every(POLL, timeout).until(() -> {
            if (process().isEmpty()) {
                String exit = started != null && !started.isAlive() ? " with code " + started.exitValue() : "";
                throw failure("exited" + exit + " before becoming healthy");
            }
            String problem = probe();
            if (LoginRefused.is(problem)) {
                throw failure(problem);
            }
            lastProblem.set(problem);
            return problem == null;
        });
        if (!healthy) {
            throw failure("not healthy after " + timeout.toSeconds() + "s: " + lastProblem.get());
        }
    }

    /** Runs a one-off helper (initdb, a storage format) to completion, its output going to the service log. */
    protected void runHelper(List<String> command, Duration timeout, String what) throws IOException {
        dirs.create();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dirs.log().toFile()))
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(what + " failed for " + name + " (see " + dirs.log() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted during " + what, e);
        }
    }

    protected ServiceFailedException failure(String reason) {
        return new ServiceFailedException(name, reason, dirs.log(), LogTail.last(dirs.log(), LOG_TAIL_LINES));
    }

    @Override
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> process = process();
        if (process.isEmpty()) {
            pidFile.delete();
            return false;
        }
        ProcessHandle handle = process.get();
        List<ProcessHandle> children = handle.descendants().toList();
        signal(handle, stopSignal());
        boolean forced = !waitForExit(handle, grace);
        if (forced) {
            handle.destroyForcibly();
            waitForExit(handle, Duration.ofSeconds(10));
        }
        // Children normally leave with their parent; a forced stop must not leave them behind.
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        pidFile.delete();
        return forced;
    }

    @Override
    public void kill() {
        process().ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public void pause() {
        ProcessHandle handle =
                process().orElseThrow(() -> new IllegalStateException(name + " does not run, so it cannot be paused"));
        // the parent first, so it cannot fork a child that escapes the stop
        signal(handle, "STOP");
        handle.descendants().forEach(child -> signal(child, "STOP"));
    }

    @Override
    public void resume() {
        process().ifPresent(handle -> {
            handle.descendants().forEach(child -> signal(child, "CONT"));
            signal(handle, "CONT");
        });
    }

    private static void signal(ProcessHandle handle, String signal) {
        if (signal.equals("TERM")) {
            handle.destroy();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(handle.pid()))
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            handle.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
