package dev.rideops.cli.completion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Shell completion scripts generated from the picocli model, so they always match the commands: {@code rideops
 * completion bash|zsh} prints them, and the build writes them into {@code completions/target/}.
 */
public final class CompletionScripts {

    private CompletionScripts() {}

    public static String bash(CommandLine rideops) {
        return AutoComplete.bash("rideops", rideops);
    }

    /** picocli's script detects zsh and loads bashcompinit itself; this header says how to install it. */
    public static String zsh(CommandLine rideops) {
        return "# rideops completion for zsh: add 'source /path/to/rideops.zsh' to ~/.zshrc\n" + bash(rideops);
    }

    /** Writes rideops.bash and rideops.zsh into {@code dir}. */
    public static void write(Path dir, CommandLine rideops) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("rideops.bash"), bash(rideops), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rideops.zsh"), zsh(rideops), StandardCharsets.UTF_8);
    }
}
