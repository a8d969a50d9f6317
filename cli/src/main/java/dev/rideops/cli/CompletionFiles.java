package dev.rideops.cli;

import dev.rideops.cli.completion.CompletionScripts;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;

/** The build's entry point that writes the completion scripts into the directory given as the only argument. */
public final class CompletionFiles {

    private CompletionFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompletionFiles OUTPUT_DIR");
        }
        CompletionScripts.write(Path.of(args[0]), Cli.newCommandLine(CommandLine.defaultFactory()));
    }
}
