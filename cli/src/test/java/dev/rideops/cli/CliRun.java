package dev.rideops.cli;

import dev.rideops.cli.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real rideops command line in this JVM against a test environment, capturing its output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> env, Path workDir, String... args) {
        CommandLine cl = Cli.newCommandLine(CommandLine.defaultFactory());
        ((RideopsCommand) cl.getCommand()).useConfigLoader(new ConfigLoader(env, workDir, workDir.resolve("user")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(cl, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
