package dev.rideops.scenarios;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * A fault as data ({@code scenarios/faults/*.yaml}): which service of the local stack it hits, how
 * ({@link FaultAction}), and how long the service stays down before it is started again (written like 10s).
 */
public record FaultScenario(
        String name,
        String description,
        String service,
        FaultAction action,

        @JsonSerialize(using = DurationText.Serializer.class)
        Duration downFor) {

    public FaultScenario {
        if (action == null) {
            throw new IllegalArgumentException("action is missing (kill or stop)");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service is missing");
        }
        downFor = downFor == null ? Duration.ZERO : downFor;
    }
}
