package dev.rideops.stack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rideops.clients.http.BasicAuth;
import dev.rideops.stack.RuntimeLayout;
import dev.rideops.stack.lifecycle.LogRotation;
import dev.rideops.stack.lifecycle.ServiceDirs;
import dev.rideops.stack.os.ServerUser;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard reads the home's Flink REST stores: as its own user, from copies of its own. */
class DashboardServiceTest {

    @TempDir
    Path home;

    private ServiceDirs dirs() {
        return ServiceDirs.of(home, DashboardService.NAME);
    }

    private DashboardService dashboard(Path... secretFiles) throws Exception {
        DashboardService dashboard = new DashboardService(
                dirs(),
                8088,
                new RuntimeLayout(home.resolve("dist")),
                "{}",
                () -> new BasicAuth("rideops", "x"),
                new LogRotation(50L << 20, 4));
        dashboard.readsFiles(List.of(secretFiles));
        return dashboard;
    }

    private Path store(String name, String content) throws Exception {
        Path file = Files.createDirectories(home.resolve("secrets")).resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void asItsOwnUserItReadsCopiesInItsConfigOnlyItsUserMayReadAndNoneOfAStoreNotIssued() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "only root gives files to another user");
        Path client = store("flink-rest-client.p12", "client-store");
        Path missing = home.resolve("secrets/flink-rest-truststore.p12");
        DashboardService dashboard = dashboard(client, missing);
        dashboard.runAs(ServerUser.named(true, "nobody"));
        dirs().create();
        Files.writeString(dirs().conf().resolve("flink-rest-truststore.p12"), "an older run's copy");

        dashboard.prepare();

        Path copy = dashboard.ownCopy(client);
        assertThat(copy)
                .isEqualTo(dirs().conf().resolve("flink-rest-client.p12"))
                .hasContent("client-store");
        assertThat(Files.getOwner(copy, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
                .isEqualTo("rw-------");
        assertThat(dashboard.ownCopy(missing)).doesNotExist();
    }

    @Test
    void asRideopssOwnUserItReadsTheHomesFilesThemselves() throws Exception {
        Path client = store("flink-rest-client.p12", "client-store");
        DashboardService dashboard = dashboard(client);
        dashboard.runAs(ServerUser.named(false, "nobody"));
        dirs().create();

        dashboard.prepare();

        assertThat(dashboard.ownCopy(client)).isEqualTo(client);
        assertThat(dirs().conf().resolve("flink-rest-client.p12")).doesNotExist();
    }
}
