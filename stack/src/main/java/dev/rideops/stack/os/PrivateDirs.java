package dev.rideops.stack.os;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Directories others must not tamper with (secrets, a server's files under /var/tmp): created with their final
 * mode, never reached through a symbolic link, and refused when someone else owns them or may write to them, since
 * a directory planted in a shared place before rideops ran could redirect what it writes.
 */
public final class PrivateDirs {

    private PrivateDirs() {}

    /**
     * Creates {@code dir} with {@code mode} (e.g. {@code rwx------}), or checks the one there: a real directory,
     * owned by the user rideops runs as, not writable by group or others. Its parents are created as usual.
     *
     * @throws UnsafeDirectoryException when the existing one is a link, someone else's, or writable by others
     */
    public static Path ensure(Path dir, String mode) throws IOException {
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(permissions));
                // the umask may have taken bits away
                Files.setPosixFilePermissions(dir, permissions);
                return dir;
            } catch (FileAlreadyExistsException raced) {
                // created by someone else meanwhile: check it like any existing one
            }
        }
        check(dir);
        Files.setPosixFilePermissions(dir, permissions);
        return dir;
    }

    /**
     * Refuses a directory of another user (a link to one is followed: a home may be a link to a bigger disk). Root
     * writing its services' files into a directory another user controls is how planted links redirect it.
     */
    public static void requireOwned(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        String owner = Files.getOwner(dir).getName();
        String me = System.getProperty("user.name");
        if (!owner.equals(me)) {
            throw new UnsafeDirectoryException(dir, "belongs to " + owner + ", not " + me);
        }
    }

    /**
     * Refuses a symbolic link anywhere from {@code path} up to (not including) {@code top}: for a path in a directory a
     * service user owns, which root is about to write into; that user could have planted a link to redirect root's write
     * (a file it does not own, like /etc/passwd).
     */
    public static void requireNoLinkBelow(Path top, Path path) throws IOException {
        for (Path p = path; p != null && p.startsWith(top) && !p.equals(top); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new UnsafeDirectoryException(p, "is a symbolic link where rideops writes as root");
            }
        }
    }

    /** The same for a whole tree a helper run as root writes into: no link anywhere in it. */
    public static void requireNoLinkIn(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    throw new UnsafeDirectoryException(p, "is a symbolic link where rideops writes as root");
                }
            }
        }
    }

    /** Refuses a link, a non-directory, a directory of another user or one that group or others may write to. */
    static void check(Path dir) throws IOException {
        check(dir, System.getProperty("user.name"));
    }

    /** The same, for a directory that must be {@code me}'s, whoever looks. */
    static void check(Path dir, String me) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new UnsafeDirectoryException(dir, "is a symbolic link");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeDirectoryException(dir, "is not a directory");
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        if (!owner.getName().equals(me)) {
            throw new UnsafeDirectoryException(dir, "belongs to " + owner.getName() + ", not " + me);
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (now.contains(PosixFilePermission.OTHERS_WRITE) || now.contains(PosixFilePermission.GROUP_WRITE)) {
            throw new UnsafeDirectoryException(
                    dir, "is writable by others (" + PosixFilePermissions.toString(now) + ")");
        }
    }

    /** A directory rideops will not use; the message says what is wrong and how to fix it, in one line. */
    public static final class UnsafeDirectoryException extends IOException {

        private static final long serialVersionUID = 1L;

        public UnsafeDirectoryException(Path dir, String problem) {
            super("refusing to use " + dir + ": it " + problem
                    + "; someone else may have planted it: remove it (or check who made it) and try again");
        }
    }
}
