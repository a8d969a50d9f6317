package dev.rideops.stack.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CLI and rideops's own services, running as other users, find a service's process. */
class PidFileTest {

    @TempDir
    Path home;

    private final ServiceDirs dirs = ServiceDirs.of(Path.of("unused"), "kafka-1");

    @Test
    void theCopyForOthersLiesBesideTheServicesDirectory() {
        assertThat(dirs.pidForOthers()).isEqualTo(Path.of("unused/services/kafka-1.pid"));
    }

    @Test
    void aServiceOfItsOwnUserGetsACopyAnyoneMayReadWhichIsReadWhenItsOwnFileCannotBe() throws Exception {
        ServiceDirs kafka = ServiceDirs.of(home, "kafka-1").create();
        PidFile pidFile = new PidFile(kafka.pid(), kafka.pidForOthers());

        pidFile.write(ProcessHandle.current(), true);

        assertThat(Files.readString(kafka.pidForOthers())).isEqualTo(Files.readString(kafka.pid()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.pidForOthers())))
                .isEqualTo("rw-r--r--");
        // as the exporter's user, the file in kafka's directory is out of reach, as if it were not there
        Files.delete(kafka.pid());
        assertThat(pidFile.alive())
                .map(ProcessHandle::pid)
                .contains(ProcessHandle.current().pid());

        pidFile.delete();
        assertThat(kafka.pidForOthers()).doesNotExist();
        assertThat(pidFile.alive()).isEmpty();
    }

    @Test
    void aServiceOfRideopssOwnUserHasNoCopy() throws Exception {
        ServiceDirs kafka = ServiceDirs.of(home, "kafka-1").create();
        PidFile pidFile = new PidFile(kafka.pid(), kafka.pidForOthers());

        pidFile.write(ProcessHandle.current(), false);

        assertThat(kafka.pidForOthers()).doesNotExist();
        assertThat(pidFile.alive())
                .map(ProcessHandle::pid)
                .contains(ProcessHandle.current().pid());
    }
}
