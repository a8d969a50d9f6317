package dev.rideops.stack.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rideops.stack.os.ProcessOwner;
import dev.rideops.stack.os.ServerUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way a service drops root ({@link ProcessService#runAs}), on a real child process: the kernel's view of who
 * it runs as (the owner of /proc/PID) and of who owns its files is the oracle.
 */
class ProcessServiceRunAsTest {

    @TempDir
    Path home;

    private WritingSleeper sleeper;

    /** {@code sleep}, whose prepare writes a config file and data, as a service's does. */
    private static final class WritingSleeper extends Sleeper {
        WritingSleeper(Path home) {
            super(home);
        }

        @Override
        protected void prepare() throws IOException {
            Files.writeString(dirs.conf().resolve("sleeper.conf"), "setting=1\n");
            Files.createDirectories(dirs.data());
            Files.writeString(dirs.data().resolve("state"), "x");
        }
    }

    @AfterEach
    void stopIt() {
        if (sleeper != null) {
            sleeper.kill();
        }
    }

    @Test
    void asRootTheProcessRunsAsItsUserWhoOwnsWhatItWritesButNotItsConfigOrPidFile() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "only root drops to another user");
        Path outside = Files.createDirectories(home.resolve("outside"));
        sleeper = new WritingSleeper(home);
        sleeper.runAs(ServerUser.named(true, "nobody"));
        // a link the service could have left among its data: given away itself, its target never
        Files.createDirectories(home.resolve("services/sleeper/data"));
        Files.createSymbolicLink(home.resolve("services/sleeper/data/escape"), outside);

        sleeper.start();
        long pid = sleeper.process().orElseThrow().pid();

        // setsid and setpriv exec in turn under the same pid: root for a moment, then the service's user
        assertThat(dev.rideops.clients.Poll.every(Duration.ofMillis(20), Duration.ofSeconds(10))
                        .until(() -> ProcessOwner.of(Path.of("/proc"), pid)
                                .filter("nobody"::equals)
                                .isPresent()))
                .as("runs as nobody")
                .isTrue();
        Path root = home.resolve("services/sleeper");
        assertThat(owner(root.resolve("data/state"))).isEqualTo("nobody");
        assertThat(owner(root.resolve("service.log"))).isEqualTo("nobody");
        assertThat(owner(root.resolve("conf"))).isEqualTo("root");
        assertThat(owner(root.resolve("conf/sleeper.conf"))).isEqualTo("root");
        assertThat(owner(root.resolve("service.pid"))).isEqualTo("root");
        // the copy others may read (rideops's own services running as their users), beside the directory
        assertThat(owner(home.resolve("services/sleeper.pid"))).isEqualTo("root");
        assertThat(Files.readString(home.resolve("services/sleeper.pid")))
                .isEqualTo(Files.readString(root.resolve("service.pid")));
        assertThat(owner(root)).isEqualTo("root");
        assertThat((Integer) Files.getAttribute(root, "unix:mode") & 07777).isEqualTo(01770);
        assertThat(owner(outside)).isEqualTo("root");
        assertThat(Files.readString(root.resolve("service.log"))).contains("setpriv --reuid=65534 --regid=65534");
        assertThat(sleeper.user().flatMap(ServerUser::name)).contains("nobody");
    }

    @Test
    void asAnotherUserTheServiceRunsAsRideopsItself() throws Exception {
        sleeper = new WritingSleeper(home);
        sleeper.runAs(ServerUser.named(false, "nobody"));
        sleeper.start();
        long pid = sleeper.process().orElseThrow().pid();

        assertThat(ProcessOwner.of(Path.of("/proc"), pid)).contains(System.getProperty("user.name"));
        assertThat(sleeper.user()).isEmpty();
        assertThat(Files.readString(home.resolve("services/sleeper/service.log")))
                .doesNotContain("setpriv");
        assertThat(home.resolve("services/sleeper.pid")).doesNotExist();
    }

    private static String owner(Path p) throws IOException {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    }
}
