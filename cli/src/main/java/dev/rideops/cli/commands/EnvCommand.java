package dev.rideops.cli.commands;

import dev.rideops.cli.env.Shell;
import dev.rideops.cli.env.StackEnvironment;
import dev.rideops.cli.options.JsonMixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "env",
        description = "Print the stack's endpoints (JDBC URLs, Kafka bootstrap servers, Connect, Flink, search, "
                + "Prometheus) and where its passwords are set, never the passwords, as shell variables. "
                + "RIDEOPS_HOME is among them, so later rideops commands in that shell use the same stack.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  eval \"$(rideops env)\" && kafka-topics.sh --bootstrap-server \"$KAFKA_BOOTSTRAP_SERVERS\" --list \\",
            "      --command-config client.properties   # $KAFKA_USER's login: see the README, Kafka users and ACLs",
            "  rideops --home ~/stack-b --port-offset 100 env --shell fish | source"
        })
public class EnvCommand extends BaseCommand {

    @Option(
            names = "--shell",
            paramLabel = "SHELL",
            defaultValue = "bash",
            description = "Syntax: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; bash also suits zsh and sh).")
    Shell shell;

    @Mixin
    JsonMixin json;

    @Override
    protected int execute() {
        Shell syntax = json.enabled() ? Shell.JSON : shell;
        out().print(syntax.render(
                StackEnvironment.variables(config(), Stacks.current(config()).spec())));
        out().flush();
        return 0;
    }
}
