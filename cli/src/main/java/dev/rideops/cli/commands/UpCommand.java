package dev.rideops.cli.commands;

import dev.rideops.cli.config.FlagValue;
import dev.rideops.cli.config.Setting;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.scenarios.Volume;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up",
        description = "Start the whole pipeline: preflight, stack, deploy, generator at --volume, then health "
                + "checks. Running it again is harmless.")
public class UpCommand extends BaseCommand {

    @Option(names = "--volume", paramLabel = "VOLUME",
            description = "Traffic preset: ${COMPLETION-CANDIDATES} (default small).")
    Volume volume;

    @Option(names = "--no-generate", description = "Start the stack only: no deploy, no generator.")
    boolean noGenerate;

    @Mixin
    StackOptions stackOptions;

    @Mixin
    JsonMixin json;

    @Override
    protected List<FlagValue> configFlags() {
        List<FlagValue> flags = new ArrayList<>(stackOptions.flags());
        if (volume != null) {
            flags.add(new FlagValue(Setting.GENERATOR_VOLUME, volume.toString(), "--volume"));
        }
        return flags;
    }

    @Override
    protected int execute() {
        config();
        throw notBuiltYet("up");
    }
}
