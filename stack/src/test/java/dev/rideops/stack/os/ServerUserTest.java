package dev.rideops.stack.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerUserTest {

    @TempDir
    Path dir;

    @Test
    void filesStayUnderTheHomeUnlessRootMustHandThemToAUserWhoCannotReachIt() throws Exception {
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path home = closed.resolve("home");

        assertThat(new ServerUser(false).filesRoot(home, home.resolve("x"), "monitoring"))
                .isEqualTo(home.resolve("x"));
        assertThat(new ServerUser(true).filesRoot(open, open.resolve("x"), "monitoring"))
                .isEqualTo(open.resolve("x"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        ServerUser root = new ServerUser(true, shared.toString());
        Path files = root.filesRoot(home, home.resolve("x"), "monitoring");
        assertThat(files)
                .hasParentRaw(shared)
                .satisfies(p -> assertThat(p.getFileName().toString()).startsWith("rideops-monitoring-"))
                .doesNotExist();
        root.prepare(files);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files)))
                .isEqualTo("rwxr-xr-x");
        assertThat(root.filesRoot(home, home, "monitoring"))
                .isEqualTo(root.filesRoot(home, home.resolve("y"), "monitoring"));
    }

    @Test
    void aDirectoryPlantedAtThePredictableSharedPathIsRefused() throws Exception {
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path home = closed.resolve("home");
        Path shared = Files.createDirectories(dir.resolve("shared"));
        ServerUser root = new ServerUser(true, shared.toString());
        Path expected = root.filesRoot(home, home, "postgres");

        // a link to somewhere the attacker wants root to write
        Path target = Files.createDirectories(dir.resolve("victim"));
        Files.createSymbolicLink(expected, target);
        assertThatThrownBy(() -> root.filesRoot(home, home, "postgres"))
                .hasMessageContaining(expected.toString())
                .hasMessageContaining("symbolic link");
        Files.delete(expected);

        // a directory anyone may write into
        Files.createDirectory(expected);
        Files.setPosixFilePermissions(expected, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> root.filesRoot(home, home, "postgres")).hasMessageContaining("writable by others");
        Files.delete(expected);

        // planted after rideops chose the path, before it writes there
        Path chosen = root.filesRoot(home, home, "postgres");
        Files.createSymbolicLink(chosen, target);
        assertThatThrownBy(() -> root.prepare(chosen)).hasMessageContaining("symbolic link");
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "only root can give a directory away");
        Path planted = Files.createDirectories(dir.resolve("planted"));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
        new ServerUser(true).own(planted);
        assertThatThrownBy(() -> PrivateDirs.ensure(planted, "rwx------"))
                .isInstanceOf(PrivateDirs.UnsafeDirectoryException.class)
                .hasMessageContaining("belongs to nobody");
        assertThatThrownBy(() -> PrivateDirs.requireOwned(planted))
                .hasMessageContaining(planted + ": it belongs to nobody, not root");
        PrivateDirs.requireOwned(dir);
    }

    @Test
    void onlyRootDropsToTheUnprivilegedUser() {
        assertThat(new ServerUser(false).runAs()).isEmpty();
        assertThat(new ServerUser(true).runAs())
                .containsExactly("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
    }
}
