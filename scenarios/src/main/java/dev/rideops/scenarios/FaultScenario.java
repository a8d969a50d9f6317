package dev.rideops.scenarios;

/**
 * A fault as data ({@code scenarios/faults/*.yaml}): which service of the local stack it hits, how ({@code kill}:
 * SIGKILL, a crash; {@code stop}: SIGTERM, a clean restart), and how long the service stays down before it is
 * started again (written like 10s).
 */
public record FaultScenario(String name, String description, String service, String action, String downFor) {

    public FaultScenario {
        if (!"kill".equals(action) && !"stop".equals(action)) {
            throw new IllegalArgumentException("action must be kill or stop, was " + action);
        }
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service is missing");
        }
    }
}
