package dev.rideops.dashboard.data;

import java.util.List;

/**
 * The local stack's processes, as the command that runs the dashboard sees them (the dashboard module does not
 * depend on the stack's): each service's CPU since the previous sample and its resident memory.
 */
public interface LocalProcesses {

    /** @param cpuCores cores used since the previous sample, null on the first */
    record Load(String service, long pid, Double cpuCores, long rssMb) {}

    List<Load> sample();
}
