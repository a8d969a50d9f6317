package dev.rideops.cli.pipeline;

import dev.rideops.contract.Offsets;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * What one deployment should do.
 *
 * @param steps which parts to deploy
 * @param offsets {@link Offsets#COMMITTED} resumes the job's state; earliest or latest start it fresh
 * @param jar the job jar to deploy
 * @param dryRun say what would be done, change nothing
 * @param keepRunningJob leave a running job alone ({@code up}, chaos) instead of redeploying it ({@code deploy})
 * @param rebuild empty the mart and recompute it from what the CDC log still holds (a fresh start at earliest)
 */
public record DeployRequest(
        EnumSet<PipelineDeployment.Step> steps,
        Offsets offsets,
        Path jar,
        boolean dryRun,
        boolean keepRunningJob,
        boolean rebuild) {

    /** Brings up what is missing and resumes a stopped job from its state, leaving a running job alone. */
    public static DeployRequest resume(EnumSet<PipelineDeployment.Step> steps, Path jar) {
        return new DeployRequest(steps, Offsets.COMMITTED, jar, false, true, false);
    }
}
