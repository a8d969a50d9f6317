package dev.rideops.cli.commands;

import dev.rideops.cli.config.MaskedCommandLine;
import dev.rideops.cli.error.RideopsException;
import dev.rideops.stack.HomeLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import picocli.CommandLine;

/** Takes the home's {@link HomeLock} for a command that changes the stack, or refuses the run in one line. */
final class StackLock {

    private StackLock() {}

    /** @param root the parsed rideops command line, whose arguments (secrets masked) describe the holder */
    static HomeLock take(Path home, CommandLine root) {
        String command = MaskedCommandLine.of(root.getParseResult().originalArgs());
        try {
            return HomeLock.acquire(home, command);
        } catch (HomeLock.HeldException e) {
            throw new RideopsException(
                    "another rideops command is changing this stack"
                            + e.holder()
                                    .map(h -> ": " + h.describe(ZoneId.systemDefault()))
                                    .orElse(""),
                    "wait for it to finish (or stop it), then run this command again");
        } catch (IOException e) {
            throw new RideopsException(
                    "cannot lock " + HomeLock.file(home) + ": " + e.getMessage(),
                    "check that " + home + " is a writable directory",
                    e);
        }
    }
}
