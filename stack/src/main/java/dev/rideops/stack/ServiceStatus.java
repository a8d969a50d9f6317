package dev.rideops.stack;

/**
 * One service as {@code rideops status} shows it. {@code state} is healthy (process up and its protocol answers),
 * running (process up, protocol not answering: starting or stuck) or down.
 */
public record ServiceStatus(
        String service,
        String state,
        Long pid,
        int port,
        String endpoint,
        Long uptimeSeconds,
        Long rssMb,
        String problem) {

    public static final String HEALTHY = "healthy";
    public static final String RUNNING = "running";
    public static final String DOWN = "down";
}
