package dev.rideops.cli.commands;

import dev.rideops.cli.completion.CompletionScripts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "completion",
        description = {
            "Print the shell completion script.",
            "bash: source <(rideops completion bash)   zsh: source <(rideops completion zsh)"
        })
public class CompletionCommand extends BaseCommand {

    public enum Shell {
        bash,
        zsh
    }

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    protected int execute() {
        CommandLine rideops = spec.root().commandLine();
        out().print(shell == Shell.bash ? CompletionScripts.bash(rideops) : CompletionScripts.zsh(rideops));
        out().flush();
        return 0;
    }
}
