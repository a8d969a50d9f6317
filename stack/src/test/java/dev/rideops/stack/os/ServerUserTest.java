package dev.rideops.stack.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerUserTest {

    @TempDir
    Path dir;

    private static boolean root() {
        return System.getProperty("user.name").equals("root");
    }

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

    /** The exporter and the dashboard of root's stack run as their own users, and look for its files all the same. */
    @Test
    void aBackgroundServiceOfRootsStackRunningAsItsOwnUserFindsRootsSharedRoot() throws Exception {
        assumeTrue(root(), "the shared roots are root's");
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path home = closed.resolve("home");
        ServerUser root = new ServerUser(
                true, Files.createDirectories(dir.resolve("shared")).toString());
        Path files = root.filesRoot(home, home, "services");
        root.prepare(files);

        String rideops = System.getProperty("user.name");
        System.setProperty("user.name", "rideops-exporter");
        try {
            assertThat(root.filesRoot(home, home, "services")).isEqualTo(files);
        } finally {
            System.setProperty("user.name", rideops);
        }
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
    void purgeDeletesTheSharedRootsRideopsMadeAndLeavesPlantedOnesAlone() throws Exception {
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        ServerUser root = new ServerUser(true, shared.toString());
        Path victim = Files.createDirectories(dir.resolve("victim"));
        Files.writeString(victim.resolve("keep"), "x");

        // ours, with a link inside pointing out of it: the link goes, its target stays
        Path ours = root.filesRoot(closed.resolve("a"), closed.resolve("a"), "services");
        root.prepare(ours);
        Files.createDirectories(ours.resolve("services/kafka-1"));
        Files.createSymbolicLink(ours.resolve("services/kafka-1/data"), victim);
        assertThat(root.purge(ours)).isTrue();
        assertThat(ours).doesNotExist();
        assertThat(victim.resolve("keep")).exists();

        // a link planted where a home's root would be: neither it nor what it points to is touched
        Path planted = root.filesRoot(closed.resolve("b"), closed.resolve("b"), "postgres");
        Files.createSymbolicLink(planted, victim);
        assertThat(root.purge(planted)).isFalse();
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        assertThat(victim.resolve("keep")).exists();

        // a directory others may write into is not one rideops made
        Path open = root.filesRoot(closed.resolve("c"), closed.resolve("c"), "monitoring");
        Files.createDirectory(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(open.resolve("theirs"), "x");
        assertThat(root.purge(open)).isFalse();
        assertThat(open.resolve("theirs")).exists();

        // a root under the home is not the shared directory's: purge leaves it to the home's own purge
        assertThat(root.purge(closed)).isFalse();
        assertThat(closed).exists();
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeTrue(root(), "only root can give a directory away");
        Path planted = Files.createDirectories(dir.resolve("planted"));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
        ServerUser.named(true, "nobody").own(planted);
        assertThatThrownBy(() -> PrivateDirs.ensure(planted, "rwx------"))
                .isInstanceOf(PrivateDirs.UnsafeDirectoryException.class)
                .hasMessageContaining("belongs to nobody");
        assertThatThrownBy(() -> PrivateDirs.requireOwned(planted))
                .hasMessageContaining(planted + ": it belongs to nobody, not root");
        PrivateDirs.requireOwned(dir);
    }

    @Test
    void onlyRootDropsToTheServiceUserByItsIds() {
        assertThat(ServerUser.of(false, "kafka").runAs()).isEmpty();
        assertThat(ServerUser.of(false, "kafka").name()).isEmpty();
        assertThat(ServerUser.of(true, "kafka").name()).contains("rideops-kafka");
        assumeTrue(root(), "looking a user up is the same for all, but only root drops");
        assertThat(ServerUser.named(true, "nobody").runAs())
                .containsExactly("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    }

    @Test
    void aPasswdLineGivesTheUidAndPrimaryGid() {
        assertThat(ServerUser.Account.parse("rideops-kafka:x:998:997:rideops service:/nonexistent:/usr/sbin/nologin"))
                .contains(new ServerUser.Account(998, 997));
        assertThat(ServerUser.Account.parse("broken:x:abc")).isEmpty();
    }

    @Test
    void aTreeIsGivenAwayWithoutFollowingTheLinksInIt() throws Exception {
        assumeTrue(root(), "only root can give files away");
        Path tree = Files.createDirectories(dir.resolve("tree/data"));
        Files.writeString(tree.resolve("segment"), "x");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("root-only"), "x");
        Files.createSymbolicLink(tree.resolve("escape"), outside);

        ServerUser.named(true, "nobody").ownTree(dir.resolve("tree"));

        assertThat(owner(dir.resolve("tree"))).isEqualTo("nobody");
        assertThat(owner(tree.resolve("segment"))).isEqualTo("nobody");
        assertThat(owner(outside)).isEqualTo("root");
        assertThat(owner(outside.resolve("root-only"))).isEqualTo("root");
    }

    @Test
    void aSharedServiceDirectoryStaysRootsWithTheStickyBitForTheServiceGroupOnly() throws Exception {
        assumeTrue(root(), "only root can change a group");
        Path serviceDir = Files.createDirectories(dir.resolve("kafka-1"));
        ServerUser.named(true, "nobody").shareDir(serviceDir);

        assertThat(owner(serviceDir)).isEqualTo("root");
        assertThat(Files.getAttribute(serviceDir, "unix:gid")).isEqualTo(65534);
        assertThat((Integer) Files.getAttribute(serviceDir, "unix:mode") & 07777)
                .isEqualTo(ServerUser.SHARED_DIR_MODE);

        Path link = Files.createSymbolicLink(dir.resolve("link"), serviceDir);
        assertThatThrownBy(() -> ServerUser.named(true, "nobody").shareDir(link))
                .hasMessageContaining("symbolic link");
    }

    @Test
    void rootWritesIntoAServiceUsersTreeOnlyThroughRealDirectories() throws Exception {
        Path service = Files.createDirectories(dir.resolve("services/search"));
        Path victim = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(service.resolve("data"));
        // the service user made its node's config directory a link to where root must not write
        Files.createSymbolicLink(service.resolve("data/node_1"), victim);

        assertThatThrownBy(() -> PrivateDirs.requireNoLinkBelow(
                        service, service.resolve("data/node_1/config/log4j2.properties")))
                .hasMessageContaining(service.resolve("data/node_1").toString())
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> PrivateDirs.requireNoLinkIn(service.resolve("data")))
                .hasMessageContaining("symbolic link");

        Files.delete(service.resolve("data/node_1"));
        Files.createDirectories(service.resolve("data/node_1/config"));
        PrivateDirs.requireNoLinkBelow(service, service.resolve("data/node_1/config/log4j2.properties"));
        PrivateDirs.requireNoLinkIn(service.resolve("data"));
        // links above the service's directory (a home that is a link to a bigger disk) are not its user's doing
        Path linkedHome = Files.createSymbolicLink(dir.resolve("home-link"), dir);
        PrivateDirs.requireNoLinkBelow(
                linkedHome.resolve("services/search"), linkedHome.resolve("services/search/data/node_1/config/x"));
    }

    private static String owner(Path p) throws Exception {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    }
}
