package dev.rideops.stack.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessOwnerTest {

    @TempDir
    Path dir;

    @Test
    void theEffectiveUidOfTheKernelsStatusNamedFromPasswd() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc/42"));
        // real 0, effective 998: a process in the middle of dropping root counts as the user it drops to
        Files.writeString(proc.resolve("status"), "Name:\tjava\nUid:\t0\t998\t998\t998\nGid:\t0\t997\t997\t997\n");
        Path passwd = Files.writeString(
                dir.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nrideops-kafka:x:998:997:rideops service:/nonexistent:/usr/sbin/nologin\n");

        assertThat(ProcessOwner.of(dir.resolve("proc"), 42, passwd)).contains("rideops-kafka");
        assertThat(ProcessOwner.of(dir.resolve("proc"), 42, dir.resolve("no-passwd")))
                .contains("998");
        assertThat(ProcessOwner.of(dir.resolve("proc"), 43, passwd)).isEmpty();
    }

    @Test
    void thisProcessRunsAsTheUserJavaSays() {
        assertThat(ProcessOwner.of(Path.of("/proc"), ProcessHandle.current().pid()))
                .contains(System.getProperty("user.name"));
    }
}
