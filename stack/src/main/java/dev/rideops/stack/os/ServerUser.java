package dev.rideops.stack.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The user a service runs as. When rideops runs as root, every service drops it through {@code setpriv} to its own
 * system user, {@code rideops-<service>} (created with {@code useradd --system} when missing): one user per service,
 * so a service can read its own secret files (0600, owned by it) and no other service's, as it could if they all
 * shared {@code nobody}. The CLI stays root: it reads their logs, kills them and deletes their files.
 *
 * <p>What a service reads and writes must be reachable by its user: when $RIDEOPS_HOME sits under a directory others
 * cannot enter (like /root), those files go to a directory under /var/tmp keyed by the home ({@link #filesRoot}).
 * As a normal user, services run as that user, everything stays under the home, and nothing here does anything.
 */
public final class ServerUser {

    /** The prefix of every service user's name. */
    public static final String PREFIX = "rideops-";

    private static final String SHARED_ROOT = "/var/tmp";
    /** rwxrwx--T: sticky, like /tmp, for root and the service's group only. */
    static final int SHARED_DIR_MODE = 01770;

    private final boolean asRoot;
    private final String sharedRoot;
    private final String name;
    /** uid and gid, looked up (or the user created) once, by {@link #ensureExists()}. */
    private volatile Account account;

    /** The user of one service, e.g. {@code kafka}: {@code rideops-kafka} when rideops runs as root. */
    public static ServerUser of(boolean asRoot, String service) {
        return new ServerUser(asRoot, SHARED_ROOT, PREFIX + service);
    }

    /** A user of exactly this name (tests run services as {@code nobody}); created like the others when missing. */
    public static ServerUser named(boolean asRoot, String user) {
        return new ServerUser(asRoot, SHARED_ROOT, user);
    }

    /** Only for deciding where files live ({@link #filesRoot}), not for running anything. */
    public ServerUser(boolean asRoot) {
        this(asRoot, SHARED_ROOT);
    }

    /** @param sharedRoot where files go when the home is out of the service users' reach (tests) */
    ServerUser(boolean asRoot, String sharedRoot) {
        this(asRoot, sharedRoot, null);
    }

    ServerUser(boolean asRoot, String sharedRoot, String name) {
        this.asRoot = asRoot;
        this.sharedRoot = sharedRoot;
        this.name = name;
    }

    public boolean dropsRoot() {
        return asRoot;
    }

    /** The user's name when rideops runs as root ({@code rideops-kafka}); empty otherwise (services run as rideops). */
    public Optional<String> name() {
        return asRoot ? Optional.ofNullable(name) : Optional.empty();
    }

    /**
     * Looks the user up, creating it as a system user (no home, no login shell, a group of its own) when missing.
     * Called before anything is given to it; harmless when rideops is not root.
     */
    public void ensureExists() throws IOException {
        if (!asRoot || account != null) {
            return;
        }
        requireName();
        synchronized (ServerUser.class) {
            Optional<Account> found = Account.lookUp(name);
            if (found.isEmpty()) {
                run(List.of(
                        "useradd",
                        "--system",
                        "--user-group",
                        "--no-create-home",
                        "--home-dir",
                        "/nonexistent",
                        "--shell",
                        "/usr/sbin/nologin",
                        "--comment",
                        "rideops service",
                        name));
                found = Account.lookUp(name);
            }
            account = found.orElseThrow(() -> new IOException("cannot find the user " + name + " just created"));
        }
    }

    /**
     * The command prefix that runs a service as its user: {@code setpriv} with its uid and primary gid and no
     * supplementary groups (root's would stay otherwise); empty when rideops is not root.
     */
    public List<String> runAs() {
        if (!asRoot) {
            return List.of();
        }
        Account a = requireAccount();
        return List.of("setpriv", "--reuid=" + a.uid(), "--regid=" + a.gid(), "--clear-groups");
    }

    /** Gives one file or directory (never a link's target) to the service user, when services drop root. */
    public void own(Path path) throws IOException {
        if (!asRoot) {
            return;
        }
        chown(path, requireAccount());
    }

    /**
     * Gives a whole tree to the service user, without following any link in it: what root wrote there (config, a
     * restored snapshot, a storage formatted by a helper) or what another user owned before (PostgreSQL's data was
     * {@code nobody}'s) becomes the service's. Only entries owned by someone else are changed.
     */
    public void ownTree(Path root) throws IOException {
        if (!asRoot || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Account a = requireAccount();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chownIfOther(dir, a);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chownIfOther(file, a);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // gone meanwhile (a service deleting its own files): nothing to give away
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Makes a directory root's, shared with the service user's group the way /tmp is shared ({@code rwxrwx--T}): the
     * service may create files there and rename or delete its own, but not what root put there (its config directory,
     * its pid file), so it cannot plant a link where root will write next. Others may not enter.
     */
    public void shareDir(Path dir) throws IOException {
        if (!asRoot) {
            return;
        }
        Account a = requireAccount();
        if (Files.isSymbolicLink(dir)) {
            throw new PrivateDirs.UnsafeDirectoryException(dir, "is a symbolic link");
        }
        Files.setAttribute(dir, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:gid", a.gid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:mode", SHARED_DIR_MODE, LinkOption.NOFOLLOW_LINKS);
    }

    private static void chownIfOther(Path path, Account a) throws IOException {
        Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object gid = Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        if (!uid.equals(a.uid()) || !gid.equals(a.gid())) {
            chown(path, a);
        }
    }

    private static void chown(Path path, Account a) throws IOException {
        Files.setAttribute(path, "unix:uid", a.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", a.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Lets the service user through the directories from {@code top} down to {@code dir} (execute for others, no
     * listing), as root creates them 0755 or, for a home, maybe 0700.
     */
    public void letThrough(Path top, Path dir) throws IOException {
        if (!asRoot) {
            return;
        }
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                var permissions = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(p, permissions);
                }
            }
        }
    }

    /**
     * Where services' files live: {@code preferred} (under the home), unless services drop root and the home is out
     * of their users' reach; then {@code /var/tmp/rideops-<name>-<hash of the home>}. That name is predictable and
     * /var/tmp is writable by everyone, so one found there already is used only if it is root's own real directory,
     * not writable by others: never a link or a directory someone else planted ({@link PrivateDirs}). It is created
     * by {@link #prepare}, when something is first written there, and deleted by {@link #purge}.
     */
    public Path filesRoot(Path home, Path preferred, String name) {
        if (!asRoot || reachableByOthers(home)) {
            return preferred;
        }
        String key =
                Integer.toHexString(home.toAbsolutePath().normalize().toString().hashCode());
        Path shared = Path.of(sharedRoot, "rideops-" + name + "-" + key);
        try {
            if (Files.exists(shared, LinkOption.NOFOLLOW_LINKS)) {
                // root's, also when a background service of root's stack, running as its own user, looks for it
                PrivateDirs.check(shared, "root");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return shared;
    }

    /** Whether a files root lies in the shared directory, outside the home. */
    public boolean isShared(Path filesRoot) {
        return filesRoot.startsWith(sharedRoot);
    }

    /**
     * Creates a files root before anything is written into it: one in the shared directory with {@code mkdir} and
     * its final mode (root's, readable, not writable by others), refusing whatever someone planted there meanwhile;
     * one under the home as usual.
     */
    public void prepare(Path filesRoot) throws IOException {
        if (isShared(filesRoot)) {
            PrivateDirs.ensure(filesRoot, "rwxr-xr-x");
        } else {
            Files.createDirectories(filesRoot);
        }
    }

    /**
     * Deletes a files root in the shared directory ({@code down --purge}), if it is one rideops made: root's own real
     * directory, not writable by others. A link or a directory planted there is left alone, never followed; returns
     * whether it was deleted. Links inside are deleted, not followed ({@link FileTrees#delete}).
     */
    public boolean purge(Path filesRoot) throws IOException {
        if (!isShared(filesRoot) || !Files.exists(filesRoot, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            PrivateDirs.check(filesRoot);
        } catch (PrivateDirs.UnsafeDirectoryException notOurs) {
            return false;
        }
        FileTrees.delete(filesRoot);
        return true;
    }

    /** Whether every existing directory on the way to {@code dir} lets others through. */
    public static boolean reachableByOthers(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    private void requireName() {
        if (name == null) {
            throw new IllegalStateException("this ServerUser only decides where files live; use ServerUser.of");
        }
    }

    /** The user's ids, looked up (or the user created) on first use. */
    private Account requireAccount() {
        if (account == null) {
            try {
                ensureExists();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return account;
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            // 9: the user exists (another rideops created it meanwhile)
            if (!p.waitFor(30, TimeUnit.SECONDS) || (p.exitValue() != 0 && p.exitValue() != 9)) {
                p.destroyForcibly();
                String user = command.get(command.size() - 1);
                throw new IOException("cannot create the system user " + user + " for its service (" + output
                        + "): create it with 'useradd --system --user-group " + user
                        + "', or run rideops as a user other than root");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating a user", e);
        }
    }

    /** A user's numeric ids, as {@code getent passwd} gives them. */
    record Account(int uid, int gid) {

        static Optional<Account> lookUp(String name) throws IOException {
            List<String> command = new ArrayList<>(List.of("getent", "passwd", name));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("getent passwd " + name + " did not answer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking up " + name, e);
            }
            return p.exitValue() == 0 ? parse(line) : Optional.empty();
        }

        /** {@code name:x:uid:gid:comment:home:shell}. */
        static Optional<Account> parse(String passwdLine) {
            String[] fields = passwdLine.split(":", -1);
            if (fields.length < 4) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Account(Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
