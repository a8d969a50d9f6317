package dev.rideops.stack.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rideops.clients.http.BasicAuth;
import dev.rideops.clients.http.ClientTls;
import dev.rideops.clients.http.RestCalls;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.LoginRefused;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A single OpenSearch node speaking the Elasticsearch REST API (over https with {@code security.tls}), healthy when
 * the cluster is yellow or green. Every REST request must log in as one of its users (admin, the job's writer, the
 * read-only reader), whose hashed passwords the node reads from {@code conf/users} at start (see
 * {@link SearchUsersFile}).
 */
public final class SearchNode extends ProcessService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final int transportPort;
    private final int heapMb;
    private final Map<String, String> nativeSettings;
    private final Path lib;
    private final Path classes;
    private final StackSpec.SearchUsers users;
    private final Function<String, String> passwords;
    /** null: no JMX exporter agent; set once, before the node starts. */
    private JmxAgent jmx;
    /** null: the REST API speaks plain http; set once, before the node starts. */
    private ServerCertificates tls;

    public SearchNode(
            ServiceDirs dirs,
            int port,
            int transportPort,
            int heapMb,
            Map<String, String> nativeSettings,
            Path lib,
            Path classes,
            StackSpec.SearchUsers users,
            Function<String, String> passwords,
            LogRotation logRotation) {
        super("search", dirs, port, Duration.ofSeconds(120), logRotation);
        this.port = port;
        this.transportPort = transportPort;
        this.heapMb = heapMb;
        this.nativeSettings = new java.util.LinkedHashMap<>(nativeSettings);
        this.lib = lib;
        this.classes = classes;
        this.users = users;
        this.passwords = passwords;
    }

    /**
     * Runs the JMX exporter agent in the node's JVM: its heap, GC and threads (OpenSearch has few MBeans of its own).
     * The runner starts the node without OpenSearch's bootstrap, so no Security Manager is installed and the agent
     * needs no policy grant.
     */
    public SearchNode withJmxAgent(JmxAgent agent) {
        this.jmx = agent;
        return this;
    }

    /**
     * Serves the REST API over https only ({@code security.tls}), with this certificate: the node reads its key and
     * chain as one PEM file in its conf ({@link #keyStore()}), so no password is needed anywhere.
     */
    public SearchNode withTls(ServerCertificates certificates) {
        this.tls = certificates;
        return this;
    }

    /**
     * The runner keeps the node's config under its base path in {@code node_1/config}, and copies its own
     * log4j2.properties there only when none exists: that one logs to the console (the service log, unrotated)
     * and to rolled files in {@code node_1/logs} allowed to grow to gigabytes. Ours, written on every start,
     * replaces it, so the node logs like the other services.
     */
    @Override
    protected void prepare() throws IOException {
        Files.createDirectories(dirs.data());
        // the node's config lies in its data, which its user owns: root writes there only through real directories
        dev.rideops.stack.os.PrivateDirs.requireNoLinkBelow(
                dirs.root(), nodeConfig().resolve("log4j2.properties"));
        Log4j2Config.write(nodeConfig(), dirs.log(), logRotation, "org.opensearch.deprecation");
        Files.createDirectories(dirs.conf());
        PropertiesFile.write(settingsFile(), new java.util.LinkedHashMap<>(nativeSettings));
        SearchUsersFile.write(
                usersFile(),
                List.of(
                        new UserLogin(users.admin(), "admin", passwords.apply(Secrets.SEARCH_ADMIN)),
                        new UserLogin(users.writer(), "writer", passwords.apply(Secrets.SEARCH_WRITER)),
                        new UserLogin(users.reader(), "reader", passwords.apply(Secrets.SEARCH_READER))));
        ownByServiceUser(usersFile());
        if (tls != null) {
            tls.writePemKeyStore(keyStore());
            ownByServiceUser(keyStore());
        }
        if (jmx != null) {
            ownByServiceUser(jmx.writeConfig(dirs.conf()));
        }
    }

    /** The node's users with their password hashes (0600), rewritten on every start. */
    Path usersFile() {
        return dirs.conf().resolve("users");
    }

    /** With TLS: the node's key, then its certificate and the CA's (0600), rewritten on every start. */
    Path keyStore() {
        return dirs.conf().resolve("search-server.pem");
    }

    /** The user's own node settings ({@code search.settings}), applied after rideops's own so they win. */
    Path settingsFile() {
        return dirs.conf().resolve("search-settings.properties");
    }

    Path nodeConfig() {
        return dirs.data().resolve("node_1").resolve("config");
    }

    @Override
    protected List<String> command() throws IOException {
        return JavaCommand.of("dev.rideops.stack.search.SearchNodeMain")
                .heapMb(heapMb)
                // the largest CPU consumer of the pipeline (issue #16), and allocation-heavy (every bulk request,
                // refresh and merge); its pauses only delay search documents, which trail by seconds by design
                .throughputCollector()
                .jvm("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8")
                .jvm(jmx == null ? List.of() : List.of(jmx.jvmOption(dirs.conf())))
                .jarsIn(lib)
                .classes(classes)
                .args(
                        "--base-path",
                        dirs.data().toString(),
                        "--http-port",
                        Integer.toString(port),
                        "--transport-port",
                        Integer.toString(transportPort),
                        "--cluster-name",
                        "rideops",
                        "--settings-file",
                        settingsFile().toString(),
                        "--users-file",
                        usersFile().toString())
                .args(
                        tls == null
                                ? List.of()
                                : List.of("--tls-key-store", keyStore().toString()))
                .build();
    }

    @Override
    public String probe() {
        try {
            // as the read-only user: a probe needs no more
            BasicAuth reader = new BasicAuth(users.reader(), passwords.apply(Secrets.SEARCH_READER));
            String status = JSON.readTree(
                            new RestCalls(endpoint(), name(), reader, clientTls()).probe("/_cluster/health"))
                    .path("status")
                    .asText();
            return status.equals("green") || status.equals("yellow") ? null : "cluster status " + status;
        } catch (IOException e) {
            String problem = String.valueOf(e.getMessage());
            // the node keeps the users file it started with: search.reader-password was changed since
            return problem.startsWith("HTTP 401") || problem.startsWith("HTTP 403")
                    ? LoginRefused.problem("the search node refused the login of its reader '" + users.reader() + "' ("
                            + problem + "): set search.reader-password (or, when unset, the secret "
                            + Secrets.SEARCH_READER + ") to the password the node started with, or give it the "
                            + "current one with 'rideops restart search'")
                    : problem;
        }
    }

    /** How the stack's probe speaks to the node: trusting the home's CA alone; null without TLS. */
    private ClientTls clientTls() {
        return tls == null ? null : tls.probeTls("the search node", "search");
    }

    @Override
    public String endpoint() {
        return tls == null ? httpEndpoint() : httpsEndpoint();
    }
}
