package dev.rideops.cli.commands;

import dev.rideops.cli.error.RideopsException;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.clients.ClientException;
import java.util.Map;

/**
 * A command that talks to a running component over its API ({@code job}, {@code connector}): a client failure (not
 * reachable, refused) becomes the one-line error with its fix, and an action's outcome is a line or a JSON object.
 */
abstract class RemoteCommand extends BaseCommand {

    private PipelineDeployment deployment;

    @Override
    protected final int execute() throws Exception {
        try {
            return run();
        } catch (ClientException e) {
            throw new RideopsException(e.getMessage(), e.fix(), e);
        }
    }

    abstract int run() throws Exception;

    /** The endpoints in config (the local stack's by default) and the deployment that works on them. */
    PipelineDeployment deployment() {
        if (deployment == null) {
            deployment =
                    new PipelineDeployment(config(), Stacks.current(config()).spec(), err());
        }
        return deployment;
    }

    void printAction(JsonMixin json, Map<String, ?> fields, String line) {
        if (json.enabled()) {
            Json.print(out(), fields);
        } else {
            out().println(line);
            out().flush();
        }
    }
}
