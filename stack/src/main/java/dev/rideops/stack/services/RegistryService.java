package dev.rideops.stack.services;

import dev.rideops.clients.http.ClientTls;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.JavaCommand;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.JavaRuntimes;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.secrets.ServerCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Apicurio Registry, where Debezium's Avro converter registers the schemas of the change events it writes with
 * {@code cdc.format: avro}, and where the job looks them up by the id each record carries. It is the release's
 * packaged Quarkus application ({@code quarkus-run.jar} and its {@code lib/}, {@code app/}, {@code quarkus/}), run
 * by Quarkus's own entry point. Its schemas are kept in an H2 database file in its data directory: the records in
 * Kafka refer to them by id, so they must outlive a restart of the registry as long as the records do. Every read or
 * write of the REST API asks for a basic login, checked against the users rideops writes at each start (see
 * {@link RegistryUsersFile}): Connect's may register schemas, the job's only read them. With {@code security.tls} it
 * serves https only ({@link #withTls}). Healthy once its REST API answers {@value #INFO_PATH}, which Apicurio serves
 * to anyone (the version only).
 */
public final class RegistryService extends ProcessService {

    public static final String NAME = "registry";

    /** Quarkus's launcher for the fast-jar layout: it finds the application beside its own jar. */
    static final String MAIN_CLASS = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    /** The core REST API (v3) that the converter and the job are pointed at. */
    public static final String API_PATH = "/apis/registry/v3";

    static final String INFO_PATH = API_PATH + "/system/info";

    /** How to get the Java it needs, for preflight's check and a start without it. */
    public static final String JAVA_FIX =
            "install one (e.g. apt-get install openjdk-21-jre-headless) or set registry.java-home";

    /** In {@link #secrets()}: the users, loaded as a config file of the registry's. */
    static final String USERS_FILE = "users.properties";

    private final int managementPort;
    private final int heapMb;
    private final Path application;
    private final StackSpec.Registry registry;
    private final JavaRuntimes javas;
    private final Function<String, String> passwords;
    /** null: the REST API and the management interface speak plain http; set once, before the registry starts. */
    private ServerCertificates tls;

    /**
     * @param managementPort where Quarkus serves health and metrics: the application was built with its management
     *     interface on, which otherwise listens on 9000
     * @param application the directory holding {@code quarkus-run.jar} (the runtime the build laid out)
     * @param registry its users and the Java it runs on, at least {@link StackSpec.Registry#JAVA}, which may not be
     *     the CLI's: looked for at each start, so a stack whose Java went missing can still be stopped and shown
     * @param passwords a password by its {@link Secrets} name, looked up at each start
     */
    public RegistryService(
            ServiceDirs dirs,
            int port,
            int managementPort,
            int heapMb,
            Path application,
            StackSpec.Registry registry,
            JavaRuntimes javas,
            Function<String, String> passwords,
            LogRotation logRotation) {
        super(NAME, dirs, port, Duration.ofSeconds(90), logRotation);
        this.managementPort = managementPort;
        this.heapMb = heapMb;
        this.application = application;
        this.registry = registry;
        this.javas = javas;
        this.passwords = passwords;
    }

    /**
     * Serves its REST API (and its management interface) over https only ({@code security.tls}), with this
     * certificate: Quarkus reads the key and the chain from one PEM file in its conf ({@link #keyStore()}), so no
     * password is needed anywhere.
     */
    public RegistryService withTls(ServerCertificates certificates) {
        this.tls = certificates;
        return this;
    }

    /**
     * Written on every start, so a changed password applies at the next: Quarkus reads its users once. As root the
     * file is the registry's user's, which no other service can read; so is the TLS key store, which, like the search
     * node's, is copied from the home's secrets (rideops's alone) on every start.
     */
    @Override
    protected void prepare() throws IOException {
        Files.createDirectories(tmp());
        secrets()
                .storeFile(
                        USERS_FILE,
                        RegistryUsersFile.content(List.of(
                                new UserLogin(
                                        registry.users().connect(),
                                        RegistryUsersFile.DEVELOPER,
                                        passwords.apply(Secrets.REGISTRY_CONNECT)),
                                new UserLogin(
                                        registry.users().job(),
                                        RegistryUsersFile.READ_ONLY,
                                        passwords.apply(Secrets.REGISTRY_JOB)))));
        if (tls != null) {
            tls.writePemKeyStore(keyStore());
            ownByServiceUser(keyStore());
        }
    }

    /** With TLS: the registry's key, then its certificate and the CA's (0600), rewritten on every start. */
    Path keyStore() {
        return dirs.conf().resolve("registry-server.pem");
    }

    /** The registry's own secret files (0600), in a directory of its conf. */
    Secrets secrets() {
        return Secrets.ofService(dirs.conf().resolve("secrets"), user());
    }

    /** Where the registry writes snapshots and import work files (its default is the machine's /tmp). */
    Path tmp() {
        return dirs.data().resolve("tmp");
    }

    /** The H2 database file (without H2's {@code .mv.db} suffix). */
    Path database() {
        return dirs.data().resolve("registry");
    }

    @Override
    protected List<String> command() throws IOException {
        Path javaHome = javas.atLeast(StackSpec.Registry.JAVA, registry.configuredJava())
                .orElseThrow(() -> new IOException(JavaRuntimes.missing(
                                NAME, StackSpec.Registry.JAVA, registry.configuredJava(), "registry.java-home")
                        + "; " + JAVA_FIX));
        JavaCommand command = JavaCommand.of(MAIN_CLASS)
                .javaHome(javaHome)
                .heapMb(heapMb)
                .property("java.io.tmpdir", tmp())
                .property("quarkus.http.host", "127.0.0.1")
                .property("quarkus.management.host", "127.0.0.1")
                .property("quarkus.management.port", managementPort)
                .property("apicurio.storage.kind", "sql")
                .property("apicurio.storage.sql.kind", "h2")
                .property("apicurio.datasource.url", "jdbc:h2:file:" + database())
                // a registry of its own for one connector: a pool of 20 idle connections would only hold memory
                .property("apicurio.datasource.jdbc.initial-size", 2)
                .property("apicurio.datasource.jdbc.min-size", 2)
                .property("apicurio.datasource.jdbc.max-size", 10)
                // Quarkus's embedded users realm (built in) behind basic auth: a build-time switch of Quarkus's, which
                // logs a warning that it changed, but Apicurio's own check of it reads it at run time
                .property("quarkus.http.auth.basic", true)
                .property("quarkus.security.users.embedded.plain-text", false)
                .property("quarkus.security.users.embedded.algorithm", RegistryUsersFile.ALGORITHM)
                // the users and their roles from a file, never the command line, which any local user can read
                .property("quarkus.config.locations", secrets().file(USERS_FILE))
                // what a login may do by its roles: read (sr-readonly), also write (sr-developer), or administer
                .property("apicurio.auth.role-based-authorization", true)
                .property("apicurio.auth.role-source", "token")
                // no setting (deletes, read-only mode) may be changed through the API at run time: rideops sets them
                .property("apicurio.config.dynamic.allow-all", false);
        return listeners(command)
                .classes(application.resolve("quarkus-run.jar"))
                .build();
    }

    /**
     * Plain http on its port; or, with TLS, https only on the same port: Quarkus serves https on its
     * {@code ssl-port}, and with insecure requests {@code disabled} does not open its http port at all. The
     * management interface (health, metrics) takes the same certificate, and with one serves https only. Quarkus reads
     * the certificates of {@code files} and the key of {@code key-files} out of the PEM blocks of each (Vert.x's PEM
     * reader), so the one key store serves as both.
     */
    private JavaCommand listeners(JavaCommand command) {
        if (tls == null) {
            return command.property("quarkus.http.port", port());
        }
        return command.property("quarkus.http.ssl-port", port())
                .property("quarkus.http.insecure-requests", "disabled")
                .property("quarkus.http.ssl.certificate.files", keyStore())
                .property("quarkus.http.ssl.certificate.key-files", keyStore())
                .property("quarkus.management.ssl.certificate.files", keyStore())
                .property("quarkus.management.ssl.certificate.key-files", keyStore());
    }

    @Override
    public String probe() {
        return probeHttp(INFO_PATH, clientTls());
    }

    /** How the stack's probe speaks to the registry: trusting the home's CA alone; null without TLS. */
    private ClientTls clientTls() {
        return tls == null ? null : tls.probeTls("the schema registry", NAME);
    }

    /** The REST API the converter's {@code apicurio.registry.url} names (its v2 twin) and the job reads. */
    @Override
    public String endpoint() {
        return (tls == null ? httpEndpoint() : httpsEndpoint()) + API_PATH;
    }
}
