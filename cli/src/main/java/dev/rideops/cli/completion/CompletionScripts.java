package dev.rideops.cli.completion;

import dev.rideops.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Shell completion scripts generated from the picocli model, so they always match the commands. The build runs
 * {@link #main} to write them into {@code completions/}; {@code rideops completion bash|zsh} prints the same.
 */
public final class CompletionScripts {

    private CompletionScripts() {
    }

    public static String bash() {
        return AutoComplete.bash("rideops", Cli.newCommandLine(CommandLine.defaultFactory()));
    }

    /** picocli's script detects zsh and loads bashcompinit itself; this header says how to install it. */
    public static String zsh() {
        return "# rideops completion for zsh: add 'source /path/to/rideops.zsh' to ~/.zshrc\n" + bash();
    }

    /** Writes rideops.bash and rideops.zsh into the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompletionScripts OUTPUT_DIR");
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("rideops.bash"), bash(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rideops.zsh"), zsh(), StandardCharsets.UTF_8);
    }
}
