package dev.rideops.stack;

/**
 * One service as {@code rideops status} shows it. {@code state} is healthy (process up and its protocol answers),
 * running (process up, protocol not answering: starting or stuck) or down. {@code diskBytes} is what its directory
 * under $RIDEOPS_HOME takes on disk, whether it runs or not (null when it could not be measured). {@code user} is who
 * its process runs as, read from the running process (as root: its own {@code rideops-<service>} user), or for a
 * service that is down, who it would run as.
 */
public record ServiceStatus(
        String service,
        String state,
        Long pid,
        int port,
        String endpoint,
        Long uptimeSeconds,
        Long rssMb,
        Long diskBytes,
        String problem,
        String user) {

    public static final String HEALTHY = "healthy";
    public static final String RUNNING = "running";
    public static final String DOWN = "down";
}
