package dev.rideops.cli.error;

import dev.rideops.clients.ClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The single place where failures become output and exit codes: one line on stderr, the stack trace only with
 * {@code --verbose}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final java.util.function.BooleanSupplier verbose;

    public ErrorHandler(java.util.function.BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        if (ex instanceof RideopsException known) {
            err.println("rideops: " + known.oneLine());
            code = known.exitCode();
        } else if (ex instanceof ClientException client) {
            // a component refused (a Kafka login, an ACL): what and how to fix, as the client said it
            err.println("rideops: " + oneLine(client));
            code = ExitCodes.FAILURE;
        } else {
            err.println("rideops: unexpected error: " + describe(ex)
                    + (verbose.getAsBoolean() ? "" : " (run again with --verbose for details)"));
            code = ExitCodes.FAILURE;
        }
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** A component's failure as the one line users see: what it said, then how to fix it (as the client said). */
    public static String oneLine(ClientException e) {
        return e.fix() == null || e.fix().isBlank() ? e.getMessage() : e.getMessage() + "; " + e.fix();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(
                "rideops: " + ex.getMessage() + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        if (verbose.getAsBoolean() || hasVerboseFlag(args)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static boolean hasVerboseFlag(String[] args) {
        for (String arg : args) {
            if (arg.equals("--verbose") || arg.equals("-v")) {
                return true;
            }
        }
        return false;
    }

    /** What an unexpected failure was, from its root cause, in one line. */
    public static String describe(Throwable ex) {
        Throwable root = RootCause.of(ex);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + RootCause.message(root));
    }
}
