package dev.rideops.cli.commands;

import dev.rideops.cli.error.UsageException;
import dev.rideops.cli.options.JsonMixin;
import dev.rideops.cli.output.Json;
import dev.rideops.cli.output.Table;
import dev.rideops.cli.pipeline.DeployRequest;
import dev.rideops.cli.pipeline.PipelineDeployment;
import dev.rideops.contract.JobArg;
import dev.rideops.contract.Offsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "deploy",
        description = "Apply schemas, register the CDC connector, and run (or redeploy with a savepoint) the Flink "
                + "job, against the endpoints in config (the local stack by default). Idempotent. After the job "
                + "starts, old checkpoints, savepoints and jars beyond flink.retain are pruned ('rideops job prune').",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rideops deploy --only job --parallelism 2",
            "  rideops deploy --only job --job-arg checkpoint-interval-ms=5000",
            "  rideops deploy --dry-run"
        })
public class DeployCommand extends BaseCommand {

    public enum FreshStart {
        EARLIEST,
        LATEST;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Part {
        JOB,
        CONNECTOR,
        INDEXES,
        SCHEMA;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(
            names = "--offsets",
            paramLabel = "earliest|latest",
            description = "Start the job fresh at ${COMPLETION-CANDIDATES} of the CDC topics (earliest reprocesses "
                    + "the whole CDC log). Default: resume the job's state from its savepoint or newest checkpoint, "
                    + "else start at earliest.")
    FreshStart offsets;

    @Option(
            names = "--only",
            paramLabel = "PART",
            split = ",",
            description = "Deploy only these parts: ${COMPLETION-CANDIDATES}.")
    Part[] only;

    @Option(
            names = "--rebuild",
            description = "Empty the mart and start the job fresh from the earliest CDC offsets, so the mart holds "
                    + "exactly what the CDC log can still tell (needed once retention has trimmed the log).")
    boolean rebuild;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Run the job at parallelism N (default: the running job's, else the cluster's). The cluster "
                    + "needs N free task slots; 'rideops job rescale' changes it without a new jar.")
    Integer parallelism;

    @Option(
            names = "--job-arg",
            paramLabel = "KEY=VALUE",
            completionCandidates = JobArgKeys.class,
            description = "Pass a setting to the job over the one deploy derives (repeatable), e.g. "
                    + "--job-arg checkpoint-interval-ms=5000. Keys: ${COMPLETION-CANDIDATES}.")
    List<String> jobArgs = new ArrayList<>();

    /** The job's program arguments, for completion and help. */
    static final class JobArgKeys implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(JobArg.values()).map(JobArg::key).iterator();
        }
    }

    @Option(names = "--dry-run", description = "Print what would be done, change nothing.")
    boolean dryRun;

    @Option(names = "--jar", paramLabel = "FILE", description = "Job jar to deploy (default: the one the build made).")
    Path jar;

    @Mixin
    JsonMixin json;

    @Override
    protected boolean changesStack() {
        return !dryRun;
    }

    @Override
    protected boolean needsSecrets() {
        return !dryRun;
    }

    @Override
    protected int execute() {
        if (parallelism != null && parallelism < 1) {
            throw new UsageException("--parallelism must be at least 1, not " + parallelism, "e.g. --parallelism 2");
        }
        Map<JobArg, String> args = jobArgs();
        PipelineDeployment deployment =
                new PipelineDeployment(config(), Stacks.current(config()).spec(), err());
        EnumSet<PipelineDeployment.Step> steps = EnumSet.allOf(PipelineDeployment.Step.class);
        if (only != null) {
            steps.clear();
            for (Part p : only) {
                steps.add(PipelineDeployment.Step.valueOf(p.name()));
            }
        }
        err().println("rideops: deploying to " + deployment.endpoints().flinkUrl() + " (Flink), "
                + deployment.endpoints().connectUrl() + " (Connect)" + (dryRun ? " [dry run]" : ""));
        Map<String, String> result = deployment.run(
                new DeployRequest(steps, rebuild ? Offsets.EARLIEST : offsets(), jobJar(), dryRun, false, rebuild)
                        .withJob(parallelism, args));
        if (json.enabled()) {
            Json.print(out(), result);
        } else {
            Table table = new Table("STEP", "RESULT");
            result.forEach(table::row);
            table.print(out());
        }
        return 0;
    }

    /** --offsets, else the original scripts' FLINK_*_OFFSET_MODE variables, else committed offsets. */
    private Offsets offsets() {
        if (offsets != null) {
            return Offsets.fromArg(offsets.toString());
        }
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getKey().startsWith("FLINK_") && e.getKey().endsWith("_OFFSET_MODE")) {
                try {
                    return Offsets.fromArg(e.getValue().toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException bad) {
                    throw new UsageException(
                            "invalid value '" + e.getValue() + "' for " + e.getKey(),
                            "set it to earliest, latest or committed, or unset it");
                }
            }
        }
        return Offsets.COMMITTED;
    }

    /** --job-arg KEY=VALUE, each key one the job reads. */
    private Map<JobArg, String> jobArgs() {
        Map<JobArg, String> args = new EnumMap<>(JobArg.class);
        for (String assignment : jobArgs) {
            int eq = assignment.indexOf('=');
            String key = eq < 0 ? assignment : assignment.substring(0, eq);
            JobArg arg = Arrays.stream(JobArg.values())
                    .filter(a -> a.key().equals(key.startsWith("--") ? key.substring(2) : key))
                    .findFirst()
                    .orElseThrow(() -> new UsageException(
                            "unknown job argument '" + key + "' in --job-arg " + assignment,
                            "use one of " + String.join(", ", (Iterable<String>) new JobArgKeys())));
            if (eq < 0 || eq == assignment.length() - 1) {
                throw new UsageException(
                        "--job-arg " + assignment + " has no value", "write it as --job-arg " + key + "=VALUE");
            }
            args.put(arg, assignment.substring(eq + 1));
        }
        return args;
    }

    private Path jobJar() {
        return jar != null ? jar : PipelineDeployment.builtJobJar();
    }
}
