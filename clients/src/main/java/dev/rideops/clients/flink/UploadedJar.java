package dev.rideops.clients.flink;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** A jar uploaded to the Flink cluster ({@code /jars}): its id, file name and upload time (epoch ms). */
public record UploadedJar(String id, String name, long uploaded) {

    /**
     * The jars to delete so that {@code keep} remain, newest first, besides those {@code inUse} (a running job's, which
     * a rollback or a rescale needs): the oldest go.
     */
    public static List<UploadedJar> beyond(List<UploadedJar> jars, int keep, Set<String> inUse) {
        List<UploadedJar> newestFirst = jars.stream()
                .sorted(Comparator.comparingLong(UploadedJar::uploaded).reversed())
                .toList();
        return newestFirst.stream()
                .skip(Math.max(keep, 0))
                .filter(j -> !inUse.contains(j.id()))
                .toList();
    }
}
