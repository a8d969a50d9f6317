package dev.rideops.cli;

import dev.rideops.cli.commands.CompletionCommand;
import dev.rideops.cli.commands.DeployCommand;
import dev.rideops.cli.env.Shell;
import dev.rideops.cli.error.ErrorHandler;
import dev.rideops.cli.options.EnumChoice;
import dev.rideops.cli.pipeline.Readiness;
import dev.rideops.generator.run.Mode;
import dev.rideops.scenarios.Volume;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Builds the configured rideops command line; used by the Quarkus entry point and by tests alike. */
public final class Cli {

    private Cli() {}

    public static CommandLine newCommandLine(IFactory factory) {
        CommandLine cl = new CommandLine(RideopsCommand.class, factory);
        RideopsCommand root = cl.getCommand();
        ErrorHandler errors = new ErrorHandler(root::verbose);
        registerChoices(
                cl,
                Volume.class,
                DeployCommand.FreshStart.class,
                DeployCommand.Part.class,
                Mode.class,
                CompletionCommand.Shell.class,
                Shell.class,
                Readiness.Target.class);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        return cl;
    }

    @SafeVarargs
    private static void registerChoices(CommandLine cl, Class<? extends Enum<?>>... types) {
        for (Class<? extends Enum<?>> type : types) {
            register(cl, type);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(CommandLine cl, Class type) {
        cl.registerConverter(type, new EnumChoice(type));
    }

    /** Runs rideops in this JVM with the given streams: the way tests drive it. */
    public static int run(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
