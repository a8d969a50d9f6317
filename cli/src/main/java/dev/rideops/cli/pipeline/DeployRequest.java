package dev.rideops.cli.pipeline;

import dev.rideops.contract.JobArg;
import dev.rideops.contract.Offsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/**
 * What one deployment should do.
 *
 * @param steps which parts to deploy
 * @param offsets {@link Offsets#COMMITTED} resumes the job's state; earliest or latest start it fresh
 * @param jar the job jar to deploy; null with {@code sameJar}
 * @param dryRun say what would be done, change nothing
 * @param keepRunningJob leave a running job alone ({@code up}, chaos) instead of redeploying it ({@code deploy})
 * @param rebuild empty the mart and recompute it from what the CDC log still holds (a fresh start at earliest)
 * @param parallelism the job's parallelism; null keeps the running job's (the cluster's default for a first start)
 * @param jobArgs program arguments over the ones deploy derives from config ({@code deploy --job-arg})
 * @param sameJar run the jar the running job came from again instead of uploading {@code jar} ({@code job rescale})
 */
public record DeployRequest(
        EnumSet<PipelineDeployment.Step> steps,
        Offsets offsets,
        Path jar,
        boolean dryRun,
        boolean keepRunningJob,
        boolean rebuild,
        Integer parallelism,
        Map<JobArg, String> jobArgs,
        boolean sameJar) {

    public DeployRequest {
        jobArgs = Map.copyOf(jobArgs);
    }

    public DeployRequest(
            EnumSet<PipelineDeployment.Step> steps,
            Offsets offsets,
            Path jar,
            boolean dryRun,
            boolean keepRunningJob,
            boolean rebuild) {
        this(steps, offsets, jar, dryRun, keepRunningJob, rebuild, null, Map.of(), false);
    }

    /** Brings up what is missing and resumes a stopped job from its state, leaving a running job alone. */
    public static DeployRequest resume(EnumSet<PipelineDeployment.Step> steps, Path jar) {
        return new DeployRequest(steps, Offsets.COMMITTED, jar, false, true, false);
    }

    /** Stops the running job with a savepoint and runs its own jar again from it at another parallelism. */
    public static DeployRequest rescale(int parallelism) {
        return redeploy(parallelism);
    }

    /**
     * Stops the running job with a savepoint and runs its own jar again from it, at its parallelism, with the
     * program arguments the config gives now (chaos points the job at a fault proxy, and back).
     */
    public static DeployRequest redeploySameJar() {
        return redeploy(null);
    }

    /** The job alone, stopped with a savepoint and run again from it; null parallelism: the job's own. */
    private static DeployRequest redeploy(Integer parallelism) {
        return new DeployRequest(
                EnumSet.of(PipelineDeployment.Step.JOB),
                Offsets.COMMITTED,
                null,
                false,
                false,
                false,
                parallelism,
                Map.of(),
                true);
    }

    /** The same request with the job's parallelism and extra program arguments. */
    public DeployRequest withJob(Integer parallelism, Map<JobArg, String> jobArgs) {
        return new DeployRequest(steps, offsets, jar, dryRun, keepRunningJob, rebuild, parallelism, jobArgs, sameJar);
    }
}
