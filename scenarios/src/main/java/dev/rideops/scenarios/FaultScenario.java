package dev.rideops.scenarios;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.List;

/**
 * A fault as data ({@code scenarios/faults/*.yaml}): which service of the local stack it hits, how
 * ({@link FaultAction}), and how long the service stays down (or paused) before it is started (or resumed) again,
 * written like 10s. A {@link FaultAction#SCHEMA} fault instead runs {@code apply} (SQL) on the source database while
 * it is written to, checks that the pipeline does what {@code expect} says, and runs {@code revert} after
 * {@code down_for} (none: the migration is kept for good). A {@link FaultAction#NETWORK} fault puts the fault proxy
 * on a link and makes it misbehave ({@link NetworkFault}) for {@code down_for}. A schema fault that changes a column
 * the job reads names in {@code verify_differs} the verify checks (metric names, or search checks) that depend on
 * that column: verify must pass on every other check, and these are reported as the expected differences.
 */
public record FaultScenario(
        String name,
        String description,
        String service,
        FaultAction action,

        @JsonSerialize(using = DurationText.Serializer.class)
        Duration downFor,

        List<String> apply,
        List<String> revert,
        SchemaExpectation expect,
        NetworkFault network,
        List<String> verifyDiffers) {

    public FaultScenario {
        if (action == null) {
            throw new IllegalArgumentException("action is missing (kill, stop, pause, schema or network)");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service is missing");
        }
        downFor = downFor == null ? Duration.ZERO : downFor;
        apply = apply == null ? List.of() : List.copyOf(apply);
        revert = revert == null ? List.of() : List.copyOf(revert);
        verifyDiffers = verifyDiffers == null ? List.of() : List.copyOf(verifyDiffers);
        if (action == FaultAction.PAUSE && downFor.isZero()) {
            throw new IllegalArgumentException("a pause needs down_for, how long the process stays stopped");
        }
        if (action == FaultAction.SCHEMA) {
            if (apply.isEmpty()) {
                throw new IllegalArgumentException("a schema fault needs apply, the SQL it runs on the source");
            }
            if (expect == null) {
                throw new IllegalArgumentException(
                        "a schema fault needs expect: keeps-going, dead-letters or needs-redeploy");
            }
        } else if (!apply.isEmpty() || !revert.isEmpty() || expect != null || !verifyDiffers.isEmpty()) {
            throw new IllegalArgumentException("apply, revert, expect and verify_differs belong to schema faults only");
        }
        if ((action == FaultAction.NETWORK) != (network != null)) {
            throw new IllegalArgumentException(
                    action == FaultAction.NETWORK
                            ? "a network fault needs network: its link and fault"
                            : "network belongs to network faults only");
        }
        if (action == FaultAction.NETWORK && downFor.isZero()) {
            throw new IllegalArgumentException("a network fault needs down_for, how long the link is faulty");
        }
    }

    /** Whether a schema fault's migration stays (no revert). */
    public boolean keptForGood() {
        return action == FaultAction.SCHEMA && revert.isEmpty();
    }
}
