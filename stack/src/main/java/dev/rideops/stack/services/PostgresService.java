package dev.rideops.stack.services;

import dev.rideops.contract.PostgresTls;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.LoginRefused;
import dev.rideops.stack.lifecycle.ProcessService;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A PostgreSQL cluster holding one application database. The source cluster runs with {@code wal_level=logical}
 * and WAL sender settings that keep Debezium's latency low; the reporting cluster does too, so both are alike.
 * The server writes its messages (warnings and up, checkpoints) to its standard error, which is the service log;
 * that log is rotated when the server starts (see {@link LogRotation}).
 */
public final class PostgresService extends ProcessService {

    /** PostgreSQL's invalid_authorization_specification class: a wrong password or an unknown role. */
    private static final String LOGIN_REFUSED = "28";

    private final PostgresInstall install;
    private final int port;
    private final String database;
    private final String user;
    private final Supplier<String> password;
    private final OptionalInt maxSlotWalKeepSizeMb;
    private final Map<String, String> nativeSettings;
    private final Optional<PostgresServerTls> tls;

    /**
     * @param password the superuser's, looked up when needed (from the home's secrets: never in the stack's spec)
     * @param maxSlotWalKeepSizeMb the most WAL the server keeps for replication slots that lag behind (the CDC
     *     connector's); empty leaves PostgreSQL's default, unlimited, for a cluster without slots
     * @param nativeSettings the user's own server settings ({@code postgres.settings}), passed last so they win
     * @param tls with {@code security.tls}: the server serves TLS only, and the probe verifies it
     */
    public PostgresService(
            String name,
            ServiceDirs dirs,
            PostgresInstall install,
            int port,
            String database,
            String user,
            Supplier<String> password,
            OptionalInt maxSlotWalKeepSizeMb,
            Map<String, String> nativeSettings,
            Optional<PostgresServerTls> tls,
            LogRotation logRotation) {
        super(name, dirs, port, Duration.ofSeconds(60), logRotation);
        this.install = install;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.maxSlotWalKeepSizeMb = maxSlotWalKeepSizeMb;
        this.nativeSettings = new java.util.LinkedHashMap<>(nativeSettings);
        this.tls = tls;
        runAs(install.serverUser());
    }

    @Override
    protected void prepare() throws IOException {
        install.ensureUnpacked();
        tls.ifPresent(PostgresServerTls::prepare);
        Path data = install.dataDir(name);
        if (Files.isRegularFile(data.resolve("PG_VERSION"))) {
            install.adopt(data);
            return;
        }
        install.createOwnedDirectory(data);
        Path passwordFile = install.root().resolve(name + ".pwfile");
        Secrets.writeOwnerOnly(passwordFile, password.get() + "\n");
        install.giveToServerUser(passwordFile);
        try {
            List<String> initdb = new ArrayList<>(install.runAs());
            initdb.addAll(List.of(
                    install.bin("initdb").toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    user,
                    "--pwfile=" + passwordFile,
                    "-A",
                    "scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync"));
            runHelper(initdb, Duration.ofSeconds(120), "initdb");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        if (!data.equals(dirs.data())) {
            Files.deleteIfExists(dirs.data());
            Files.createSymbolicLink(dirs.data(), data);
        }
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(
                install.bin("postgres").toString(),
                "-D",
                install.dataDir(name).toString(),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "port=" + port,
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=200",
                "-c",
                "wal_level=logical",
                "-c",
                "max_replication_slots=10",
                "-c",
                "max_wal_senders=10",
                // Debezium reads committed changes as soon as the WAL sender sees them; a short writer delay
                // keeps commit-to-CDC latency low with asynchronous commits from the generator.
                "-c",
                "wal_writer_delay=10ms",
                "-c",
                "log_min_messages=warning",
                "-c",
                "log_connections=off"));
        // A slot whose consumer is gone (Connect down, connector deleted) otherwise holds WAL until the disk is full;
        // beyond this PostgreSQL invalidates the slot instead, and the connector must snapshot again.
        maxSlotWalKeepSizeMb.ifPresent(mb -> command.addAll(List.of("-c", "max_slot_wal_keep_size=" + mb + "MB")));
        tls.ifPresent(t -> command.addAll(t.settings()));
        // PostgreSQL takes the last -c of a name, so the user's settings override the ones above.
        nativeSettings.forEach((k, v) -> command.addAll(List.of("-c", k + "=" + v)));
        return command;
    }

    /** SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to disconnect. */
    @Override
    protected String stopSignal() {
        return "INT";
    }

    @Override
    public String probe() {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(LOGIN_REFUSED)) {
                return LoginRefused.problem("the superuser " + user + " was refused (" + e.getMessage() + "): set "
                        + "postgres.admin-user and postgres.admin-password to the ones this cluster was created with "
                        + "(a home made before rideops generated its secrets used user/password), or start afresh "
                        + "with 'rideops down --purge'");
            }
            return e.getMessage();
        }
        try {
            ensureDatabase();
            return null;
        } catch (SQLException e) {
            return "cannot create database " + database + ": " + e.getMessage();
        }
    }

    private void ensureDatabase() throws SQLException {
        try (Connection c = connect("postgres");
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        }
    }

    private Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password.get());
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(db), props);
    }

    public String jdbcUrl(String db) {
        return tls.map(PostgresServerTls::clientTls).orElse(PostgresTls.NONE).jdbcUrl("127.0.0.1", port, db);
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + port + "/" + database;
    }
}
