package dev.rideops.stack.secrets;

import dev.rideops.stack.os.PrivateDirs;
import dev.rideops.stack.os.ServerUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The passwords of the local stack, one file each under {@code $RIDEOPS_HOME/secrets} (directory 0700, files
 * 0600): generated at random the first time they are needed, unless the user set one, which is then stored there
 * so every later command and service uses what the stack was set up with. Services read them from here (or get
 * them in their environment), never from a command line or {@code stack.json}.
 */
public final class Secrets {

    /** The owner of both local clusters; migrations, roles and the publication. */
    public static final String POSTGRES_ADMIN = "postgres-admin";
    /** The generator's writer on the source database. */
    public static final String SOURCE_WRITER = "source-writer";
    /** Debezium's replication role. */
    public static final String CDC = "cdc";
    /** The job's writer on the mart. */
    public static final String MART_WRITER = "mart-writer";
    /** The read-only role of verify, bench, the dashboard and the README's psql lines. */
    public static final String READER = "reader";
    /** The built-in dashboard's login (basic auth on its pages and API). */
    public static final String DASHBOARD = "dashboard";
    /** What Prometheus sends to scrape the pipeline exporter (basic auth). */
    public static final String EXPORTER = "exporter";
    /** What Prometheus sends to scrape the JMX exporter agents of the brokers, Connect and the search node. */
    public static final String JMX_EXPORTER = "jmx-exporter";
    /** The search node's admin ({@code elastic}): deploy's indexes and template. */
    public static final String SEARCH_ADMIN = "search-admin";
    /** The job's search user: writes its own indexes only. */
    public static final String SEARCH_WRITER = "search-writer";
    /** The search node's read-only user: dashboard, verify, bench, status and the stack's probe. */
    public static final String SEARCH_READER = "search-reader";
    /** The login Kafka Connect's REST API asks for (basic auth): rideops's, and yours with curl. */
    public static final String CONNECT = "connect";
    /** The Kafka brokers' own user: inter-broker and controller logins, the only super user. */
    public static final String KAFKA_ADMIN = "kafka-admin";
    /** rideops's Kafka user (topics, offsets, lag). */
    public static final String KAFKA_RIDEOPS = "kafka-rideops";
    /** The Connect worker's Kafka user. */
    public static final String KAFKA_CONNECT = "kafka-connect";
    /** The Flink job's Kafka user. */
    public static final String KAFKA_JOB = "kafka-job";
    /** Connect's login on the schema registry ({@code cdc.format: avro}): its converter registers schemas. */
    public static final String REGISTRY_CONNECT = "registry-connect";
    /** The Flink job's login on the schema registry: it only reads schemas. */
    public static final String REGISTRY_JOB = "registry-job";
    /** The local CA's store (signs the Flink REST certificates; see {@link FlinkRestCertificates}). */
    public static final String FLINK_CA = "flink-ca";
    /** The Flink REST server's keystore (the JobManager's certificate). */
    public static final String FLINK_REST_SERVER = "flink-rest-server";
    /** rideops's client keystore for the Flink REST API (its client certificate). */
    public static final String FLINK_REST_CLIENT = "flink-rest-client";
    /** The truststore holding the local CA, which the REST server and its clients trust. */
    public static final String FLINK_REST_TRUSTSTORE = "flink-rest-truststore";

    private static final String DIR_MODE = "rwx------";
    private static final String FILE_MODE = "rw-------";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String dirMode;
    /** The service user that reads this store's files; null: rideops's own store, for rideops only. */
    private final ServerUser reader;

    public Secrets(Path home) {
        this(home.resolve("secrets"), DIR_MODE, null);
    }

    private Secrets(Path dir, String dirMode, ServerUser reader) {
        this.dir = dir;
        this.dirMode = dirMode;
        this.reader = reader;
    }

    /**
     * A service's own secret files, in a directory of its own: the files (0600) belong to the service's user when
     * rideops runs as root, so that service reads them and no other does; the directory stays rideops's, which that
     * user may pass through but not change, and holds nothing of another service.
     *
     * @param reader the service's user; empty when services run as rideops's own user
     */
    public static Secrets ofService(Path dir, java.util.Optional<ServerUser> reader) {
        ServerUser dropping = reader.filter(ServerUser::dropsRoot).orElse(null);
        return new Secrets(dir, dropping != null ? "rwx--x--x" : DIR_MODE, dropping);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The stored secret, if there is one. */
    public Optional<String> read(String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** The stored secret, else a new random one, stored first. */
    public synchronized String getOrCreate(String name) {
        return read(name).orElseGet(() -> {
            String value = random();
            store(name, value);
            return value;
        });
    }

    /** Stores a secret, replacing the one there. */
    public synchronized void store(String name, String value) {
        if (read(name).filter(value::equals).isPresent()) {
            return;
        }
        storeFile(name, value + "\n");
    }

    /**
     * Writes a file of secrets in another service's format (a properties file for Connect's config provider) into
     * the secrets directory: to a new 0600 file, then moved into place, so no reader ever sees half of it.
     */
    public synchronized Path storeFile(String fileName, String content) {
        return storeFile(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The same for a binary file (a PKCS12 keystore). */
    public synchronized Path storeFile(String fileName, byte[] content) {
        Path target = dir.resolve(fileName);
        try {
            PrivateDirs.ensure(dir, dirMode);
            Path temp = dir.resolve("." + fileName + "." + Long.toHexString(RANDOM.nextLong()));
            writeOwnerOnly(temp, content);
            if (reader != null) {
                reader.own(temp);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the secret " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a file only its owner may read, created with that mode (never readable by others, not even for a
     * moment) and refusing to follow a link already there.
     */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        writeOwnerOnly(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The same for bytes. */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        try (SeekableByteChannel out = Files.newByteChannel(
                file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE_MODE)))) {
            out.write(ByteBuffer.wrap(content));
        }
    }

    /**
     * 24 random bytes, URL-safe base64 (32 characters of {@code A-Za-z0-9-_}): nothing a properties file, a
     * connection URL or SQL would have to escape.
     */
    public static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
