package dev.rideops.cli.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a change costs in CPU: the cores each sampled process (every local service, and the bench with its
 * generator) used, averaged over a step's measured intervals weighted by their length, per 1,000 achieved changes/s;
 * the whole pipeline's figure is their sum, but for the bench's own watching ({@value SystemSampler#OBSERVER}: its
 * Kafka tail and pollers), which is listed by service and left out of the total. Unknown (null, and no services)
 * without CPU samples (remote services) or without a rate.
 */
record CpuPerChange(Double total, Map<String, Double> byService) {

    static CpuPerChange of(List<Interval> intervals, double achievedEps) {
        Map<String, Double> coreSeconds = new TreeMap<>();
        double measuredSeconds = 0;
        double previousEnd = 0;
        for (Interval i : intervals) {
            double length = i.endSeconds() - previousEnd;
            previousEnd = i.endSeconds();
            if (i.warmup()) {
                continue;
            }
            measuredSeconds += length;
            i.cpuCores().forEach((service, cores) -> coreSeconds.merge(service, cores * length, Double::sum));
        }
        if (coreSeconds.isEmpty() || measuredSeconds <= 0 || achievedEps <= 0) {
            return new CpuPerChange(null, Map.of());
        }
        double thousands = achievedEps / 1000;
        Map<String, Double> byService = new TreeMap<>();
        double seconds = measuredSeconds;
        coreSeconds.forEach((service, cs) -> byService.put(service, thousandths(cs / seconds / thousands)));
        double total = coreSeconds.entrySet().stream()
                        .filter(e -> !e.getKey().equals(SystemSampler.OBSERVER))
                        .mapToDouble(Map.Entry::getValue)
                        .sum()
                / seconds
                / thousands;
        return new CpuPerChange(thousandths(total), Collections.unmodifiableMap(byService));
    }

    private static double thousandths(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
