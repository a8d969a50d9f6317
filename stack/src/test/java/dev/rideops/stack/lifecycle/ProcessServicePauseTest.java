package dev.rideops.stack.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rideops.clients.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pause/resume on a real child process: the kernel's own view of its state (/proc/PID/stat) is the oracle. */
class ProcessServicePauseTest {

    @TempDir
    Path home;

    private Sleeper sleeper;

    @AfterEach
    void stopIt() {
        if (sleeper != null) {
            sleeper.resume();
            sleeper.kill();
        }
    }

    @Test
    void pauseStopsTheProcessAndResumeLetsItRunAgain() throws IOException {
        sleeper = new Sleeper(home);
        sleeper.start();
        long pid = sleeper.process().orElseThrow().pid();
        awaitState(pid, 'S');

        sleeper.pause();
        awaitState(pid, 'T');
        assertThat(sleeper.process()).as("a paused process is still there").isPresent();

        sleeper.resume();
        awaitState(pid, 'S');
    }

    @Test
    void pausingAServiceThatDoesNotRunFailsAndResumingItIsHarmless() {
        sleeper = new Sleeper(home);
        assertThatThrownBy(sleeper::pause).hasMessageContaining("sleeper does not run");
        sleeper.resume();
    }

    /** 'S' sleeping, 'T' stopped by a signal. */
    private static void awaitState(long pid, char expected) {
        boolean reached =
                Poll.every(Duration.ofMillis(20), Duration.ofSeconds(5)).until(() -> state(pid) == expected);
        assertThat(state(pid)).as("state of pid " + pid).isEqualTo(expected);
        assertThat(reached).isTrue();
    }

    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name is in parentheses and may hold spaces: the state follows the last ')'
            return stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
        } catch (IOException e) {
            return '?';
        }
    }
}
