package dev.rideops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rideops dead-letters} as users call it wrongly: refused before any connection, in one line. */
class DeadLettersCommandTest {

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.run(Map.of("RIDEOPS_HOME", dir.resolve("home").toString()), dir, args);
    }

    @Test
    void aReplayMustSayWhatItReplays() {
        CliRun r = run("dead-letters", "replay");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("rideops: say what to replay; add --search")
                .contains("'rideops dead-letters' lists them all");
    }

    @Test
    void aBatchOutsideItsRangeIsAUsageError() {
        CliRun zero = run("dead-letters", "replay", "--search", "--batch", "0");
        CliRun word = run("dead-letters", "replay", "--search", "--batch", "many");

        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--batch must be from 1 to 10000, not 0");
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.err()).contains("'many'").contains("see 'rideops dead-letters replay --help'");
    }

    @Test
    void helpShowsBothUsesAndTheReplayGroup() {
        CliRun list = run("dead-letters", "--help");
        CliRun replay = run("dead-letters", "replay", "--help");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("rideops dead-letters --json").contains("replay");
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).contains("--search").contains("rideops-dead-letter-replay");
    }
}
