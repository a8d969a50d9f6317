package dev.rideops.stack.os;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(new ServerUser(true).filesRoot(home, home.resolve("x"), "monitoring"))
                .hasParentRaw(Path.of("/var/tmp"))
                .satisfies(p -> assertThat(p.getFileName().toString()).startsWith("rideops-monitoring-"));
        assertThat(new ServerUser(true).filesRoot(home, home, "monitoring"))
                .isEqualTo(new ServerUser(true).filesRoot(home, home.resolve("y"), "monitoring"));
    }

    @Test
    void onlyRootDropsToTheUnprivilegedUser() {
        assertThat(new ServerUser(false).runAs()).isEmpty();
        assertThat(new ServerUser(true).runAs())
                .containsExactly("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
    }
}
