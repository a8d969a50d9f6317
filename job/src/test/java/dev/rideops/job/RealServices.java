package dev.rideops.job;

import dev.rideops.job.sinks.JdbcTarget;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.StackSpec;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.Service;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.CurrentUser;
import dev.rideops.stack.os.FileTrees;
import dev.rideops.stack.os.PortOwners;
import dev.rideops.stack.secrets.Secrets;
import dev.rideops.stack.services.KafkaBroker;
import dev.rideops.stack.services.KafkaRetention;
import dev.rideops.stack.services.PostgresInstall;
import dev.rideops.stack.services.PostgresService;
import dev.rideops.stack.services.SearchNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * A real Kafka broker, reporting PostgreSQL and search node for the job's integration test, on free ports. The
 * database's superuser is the admin, as rideops makes it; the job logs in as the mart writer, whose password it reads
 * from a 0600 file ({@code --reporting.password-file}), as on a remote cluster. The search node asks for a login as
 * rideops starts it: the job writes as {@link #SEARCH_WRITER} (password file {@link #searchWriterPasswordFile()}),
 * the test reads as {@link #SEARCH_READER}.
 */
final class RealServices implements AutoCloseable {

    /** The cluster's superuser: migrations and the test's checks. */
    static final String ADMIN = "rideops_admin";
    /** The job's role: read, write and empty the mart's tables, nothing else. */
    static final String MART_WRITER = "rideops_mart";
    /** The job's search user: its own indexes only. */
    static final String SEARCH_WRITER = "rideops_search_writer";
    /** The test's checks on the search node: read-only. */
    static final String SEARCH_READER = "rideops_search_reader";

    final int kafkaPort;
    final int postgresPort;
    final int searchPort;
    private final List<Service> services;
    private final Path home;
    private final PostgresInstall postgres;
    private final String adminPassword = randomPassword();
    private final String martPassword = randomPassword();
    private final Map<String, String> searchPasswords = Map.of(
            Secrets.SEARCH_ADMIN, randomPassword(),
            Secrets.SEARCH_WRITER, randomPassword(),
            Secrets.SEARCH_READER, randomPassword());

    RealServices() throws Exception {
        home = Files.createTempDirectory("rideops-job-it");
        RuntimeLayout runtimes = new RuntimeLayout(Path.of(System.getProperty("rideops.dist", ".."))
                .toAbsolutePath()
                .normalize());
        int base = freeBlock();
        kafkaPort = base;
        postgresPort = base + 2;
        searchPort = base + 3;
        postgres = new PostgresInstall(home, runtimes.lib("postgres"), CurrentUser.isRoot());
        LogRotation logs = new LogRotation(50L << 20, 2);
        services = List.of(
                new KafkaBroker(
                        ServiceDirs.of(home, "kafka-1"),
                        0,
                        1,
                        kafkaPort,
                        base + 1,
                        256,
                        new KafkaRetention(72, 1L << 30, "lz4"),
                        Map.of(),
                        runtimes.lib("kafka"),
                        home.resolve("services/kafka-cluster-id"),
                        logs,
                        0,
                        null),
                new PostgresService(
                        "reporting-db",
                        ServiceDirs.of(home, "reporting-db"),
                        postgres,
                        postgresPort,
                        "reporting_db",
                        ADMIN,
                        () -> adminPassword,
                        OptionalInt.empty(),
                        Map.of(),
                        Optional.empty(),
                        logs),
                new SearchNode(
                        ServiceDirs.of(home, "search"),
                        searchPort,
                        base + 4,
                        384,
                        Map.of(),
                        runtimes.lib("opensearch"),
                        runtimes.classes("opensearch"),
                        new StackSpec.SearchUsers("elastic", SEARCH_WRITER, SEARCH_READER),
                        searchPasswords::get,
                        logs));
        try {
            for (Service s : services) {
                s.start();
            }
            for (Service s : services) {
                s.awaitHealthy(Duration.ofSeconds(120));
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    String searchUrl() {
        return "http://127.0.0.1:" + searchPort;
    }

    /** The 0600 file holding the job's search password, for {@code --search.password-file}. */
    Path searchWriterPasswordFile() throws java.io.IOException {
        Path file = home.resolve("search-writer");
        Secrets.writeOwnerOnly(file, searchPasswords.get(Secrets.SEARCH_WRITER) + "\n");
        return file;
    }

    /** The {@code Authorization} header of the read-only search user. */
    String searchReaderAuthorization() {
        return new dev.rideops.clients.http.BasicAuth(SEARCH_READER, searchPasswords.get(Secrets.SEARCH_READER))
                .header();
    }

    String reportingUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/reporting_db";
    }

    /** The mart as the superuser, for migrations and checks. */
    JdbcTarget admin() {
        return new JdbcTarget(reportingUrl(), ADMIN, adminPassword);
    }

    /**
     * Makes the job's role, as {@code rideops deploy} does (after the migrations, so it is granted their tables), and
     * returns the 0600 file holding its password, for {@code --reporting.password-file}.
     */
    Path martWriter() throws Exception {
        try (Connection c = admin().connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + MART_WRITER + " LOGIN PASSWORD '" + martPassword + "'");
            s.execute("GRANT USAGE ON SCHEMA mart TO " + MART_WRITER);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA mart TO " + MART_WRITER);
        }
        Path file = home.resolve("mart-writer");
        Secrets.writeOwnerOnly(file, martPassword + "\n");
        return file;
    }

    private static String randomPassword() {
        return Long.toHexString(new java.security.SecureRandom().nextLong())
                + Long.toHexString(new java.security.SecureRandom().nextLong());
    }

    private static int freeBlock() {
        PortOwners ports = PortOwners.system();
        Random random = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 23000 + random.nextInt(500) * 5;
            if (ports.isFree(base)
                    && ports.isFree(base + 1)
                    && ports.isFree(base + 2)
                    && ports.isFree(base + 3)
                    && ports.isFree(base + 4)) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports");
    }

    @Override
    public void close() {
        for (Service s : services) {
            s.stop(Duration.ofSeconds(30));
        }
        try {
            FileTrees.delete(postgres.root());
            FileTrees.delete(home);
        } catch (java.io.IOException e) {
            System.err.println("could not clean up " + home + ": " + e.getMessage());
        }
    }
}
