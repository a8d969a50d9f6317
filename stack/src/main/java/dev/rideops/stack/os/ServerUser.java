package dev.rideops.stack.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;

/**
 * The user servers run as. When rideops runs as root, servers that need no root (PostgreSQL refuses it outright)
 * run as {@code nobody} through {@code setpriv}, and the files they read and write must be reachable by that user:
 * when $RIDEOPS_HOME sits under a directory others cannot enter (like /root), those files go to a directory under
 * /var/tmp keyed by the home.
 */
public final class ServerUser {

    private static final String UNPRIVILEGED_USER = "nobody";
    private static final String UNPRIVILEGED_GROUP = "nogroup";

    private final boolean asRoot;
    private final String sharedRoot;

    /** @param asRoot whether rideops runs as root, so servers must drop it */
    public ServerUser(boolean asRoot) {
        this(asRoot, "/var/tmp");
    }

    /** @param sharedRoot where files go when the home is out of the unprivileged user's reach (tests) */
    ServerUser(boolean asRoot, String sharedRoot) {
        this.asRoot = asRoot;
        this.sharedRoot = sharedRoot;
    }

    public boolean dropsRoot() {
        return asRoot;
    }

    /** The command prefix that runs a server as the unprivileged user; empty when rideops is not root. */
    public List<String> runAs() {
        if (!asRoot) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=" + UNPRIVILEGED_GROUP, "--clear-groups");
    }

    /** Gives a file or directory to the unprivileged user, when servers run as one. */
    public void own(Path path) throws IOException {
        if (!asRoot) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(UNPRIVILEGED_USER));
        view.setGroup(users.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP));
    }

    /**
     * Where a server's files live: {@code preferred} (under the home), unless servers drop root and the home is out
     * of the unprivileged user's reach; then {@code /var/tmp/rideops-<name>-<hash of the home>}. That name is
     * predictable and /var/tmp is writable by everyone, so one found there already is used only if it is root's own
     * real directory, not writable by others: never a link or a directory someone else planted ({@link PrivateDirs}).
     * It is created by {@link #prepare}, when something is first written there.
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
                PrivateDirs.check(shared);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return shared;
    }

    /**
     * Creates a files root before anything is written into it: one in the shared directory with {@code mkdir} and
     * its final mode (root's, readable, not writable by others), refusing whatever someone planted there meanwhile;
     * one under the home as usual.
     */
    public void prepare(Path filesRoot) throws IOException {
        if (filesRoot.startsWith(sharedRoot)) {
            PrivateDirs.ensure(filesRoot, "rwxr-xr-x");
        } else {
            Files.createDirectories(filesRoot);
        }
    }

    /** Whether every existing directory on the way to {@code dir} lets others through. */
    static boolean reachableByOthers(Path dir) {
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
}
